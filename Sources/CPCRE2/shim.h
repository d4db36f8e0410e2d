// The 8-bit (UTF-8) PCRE2 library, for Winnow's regex matcher.
// pcre2.h refuses to compile until the code unit width is chosen, and a
// system library target takes no C settings, so the define lives here.
#ifndef WINNOW_CPCRE2_SHIM_H
#define WINNOW_CPCRE2_SHIM_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// PCRE2_UNSET is a cast that Swift cannot import (and size_t arrives as a
// signed Int), so the comparison is done in C.
static inline int winnow_pcre2_is_unset(PCRE2_SIZE offset) { return offset == PCRE2_UNSET; }

#endif
