// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Winnow",
    products: [
        .executable(name: "winnow", targets: ["winnow"]),
        .library(name: "Winnow", targets: ["Winnow"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "Winnow",
            dependencies: ["CPCRE2", "CZlib", .product(name: "Yams", package: "Yams")],
            // `BuiltinRules` is a link to the top-level rules/ folder: the
            // built-in pack is compiled into the binary.
            resources: [.embedInCode("BuiltinRules")]
        ),
        .executableTarget(
            name: "winnow",
            dependencies: ["Winnow", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "WinnowTests",
            // `winnow` is listed so that the binary is built for the end-to-end tests.
            dependencies: ["Winnow", "winnow"],
            exclude: ["Fixtures"]
        ),
    ]
)
