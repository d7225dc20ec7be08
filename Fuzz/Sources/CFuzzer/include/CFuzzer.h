#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver, called from each target's main.swift: SwiftPM links an
// executable's own entry point as `main`, so libFuzzer's `main` cannot be used.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
