import Testing
@testable import PartnerBot

@Suite("Commands/*.yaml specs")
struct CommandExamplesTests {
    static let examples: [(spec: CommandSpec, example: CommandSpec.Example)] = TestSupport.catalog.specs.flatMap { spec in
        spec.examples.map { (spec, $0) }
    }

    @Test func everyImplementedCommandHasASpecWithExamples() {
        for command in CommandCatalog.requiredCommands {
            let spec = TestSupport.catalog.spec(for: command)
            #expect(spec != nil, "missing spec for \(command)")
            #expect((spec?.examples.count ?? 0) >= 3, "\(command) needs examples")
            #expect(spec?.help.isEmpty == false)
        }
    }

    @Test(arguments: examples.indices)
    func exampleParsesAsStated(index: Int) {
        let (spec, example) = Self.examples[index]
        let summary = CommandSummary.of(CommandParser.parse(command: spec.command, text: example.text, today: TestSupport.today))
        if let expected = example.parsesTo {
            #expect(
                CommandSummary.matches(summary, expected: expected),
                "\(spec.file):\(example.line ?? 0): \"\(example.text)\" parsed to \(summary), expected \(expected)")
        }
    }

    @Test func aSpecWithAnUnknownKeyIsRefusedWithItsLine() {
        let yaml = "command: /x\ndescription: d\nhelp: h\nusage: oops\n"
        #expect(throws: YAMLFileError(file: "x.yaml", line: 4, key: "usage", message: "unknown key (known keys: command, description, examples, help, usage_hint)")) {
            try CommandSpec.parse(yaml: yaml, file: "x.yaml")
        }
    }

    @Test func anExampleMustStateItsExpectation() {
        let yaml = "command: /x\ndescription: d\nhelp: h\nexamples:\n  - text: hi\n"
        #expect(throws: YAMLFileError.self) { try CommandSpec.parse(yaml: yaml, file: "x.yaml") }
    }

    @Test func unknownCommandsAndCaseAreHandled() {
        #expect(CommandParser.parse(command: "/nope", text: "x", today: TestSupport.today) == .unknownCommand("/nope"))
        #expect(CommandParser.parse(command: "/DEAL", text: "help", today: TestSupport.today) == .help(.deal))
    }

    @Test func tokenizerGroupsQuotesAndOptions() {
        let text = CommandText(#"Acme Corp amount:50k note:"call Bob" “smart quoted”"#)
        #expect(text.tokens == [.word("Acme"), .word("Corp"), .option(key: "amount", value: "50k"), .option(key: "note", value: "call Bob"), .word("smart quoted")])
    }
}
