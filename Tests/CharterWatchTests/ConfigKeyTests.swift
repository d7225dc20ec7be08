import CharterWatch
import Testing

/// A key charter does not know is refused with its line and the key it probably meant
/// (issue 17): a typo must not run a source under no language or drop a notification.
struct ConfigKeyTests {
    @Test(arguments: [
        ("sources:\n  - id: portal\n    url: https://example.org/c\n    langauges: [fr]\n", "line 4", "`langauges`", "`languages`"),
        ("timout: 20\nsources:\n  - id: portal\n    url: https://example.org/c\n", "line 1", "`timout`", "`timeout`"),
        ("notify:\n  webhok: https://hooks.example/x\nsources:\n  - id: p\n    url: https://example.org/c\n", "line 2", "`webhok`", "`webhook`"),
    ])
    func anUnknownKeyIsRefusedWithItsLineAndASuggestion(_ yaml: String, _ line: String, _ key: String, _ meant: String) {
        #expect {
            _ = try WatchConfig.load(yaml)
        } throws: { error in
            let text = "\(error)"
            return text.contains(line) && text.contains("unknown key \(key)") && text.contains("did you mean \(meant)")
        }
    }

    @Test func aSingleLanguageNeedsNoList() throws {
        let config = try WatchConfig.load("sources:\n  - id: portal\n    url: https://example.org/c\n    languages: fr\n")
        #expect(config.sources[0].languages == ["fr"])
    }
}
