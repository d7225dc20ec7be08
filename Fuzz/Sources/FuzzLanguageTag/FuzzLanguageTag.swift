import CharterModel

/// Any text as a language tag. What passes `isWellFormed` goes into HTML attributes, XML,
/// HTTP headers and store keys: it must hold nothing but letters, digits and hyphens, and
/// its canonical case must be well formed too, idempotent, and equal without case.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguageTag(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = LanguageTag.primary(text)
    let canonical = LanguageTag.canonical(text)
    guard canonical.lowercased() == text.lowercased() || !text.unicodeScalars.allSatisfy(\.isASCII) else {
        fatalError("canonical case changed more than case: \(text) → \(canonical)")
    }
    guard LanguageTag.isWellFormed(text) else {
        if let served = LanguageTag.wellFormed(text), !LanguageTag.isWellFormed(served) { fatalError("wellFormed let through \(served)") }
        return 0
    }
    guard text.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" }) else {
        fatalError("a well-formed tag holds a character unsafe in attributes or headers: \(text.debugDescription)")
    }
    guard LanguageTag.isWellFormed(canonical), LanguageTag.canonical(canonical) == canonical else {
        fatalError("canonical form not stable or not well formed: \(text) → \(canonical)")
    }
    return 0
}
