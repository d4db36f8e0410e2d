// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for Winnow, kept out of the main package so that its
// `swift build` and `swift test` never see them. Built and run by scripts/fuzz.
let package = Package(
    name: "WinnowFuzz",
    dependencies: [
        .package(name: "Winnow", path: ".."),
    ],
    targets: [
        .executableTarget(name: "FuzzRuleFile", dependencies: [.product(name: "Winnow", package: "Winnow")]),
        .executableTarget(name: "FuzzClean", dependencies: [.product(name: "Winnow", package: "Winnow")]),
    ]
)
