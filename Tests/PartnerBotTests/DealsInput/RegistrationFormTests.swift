import Testing
@testable import PartnerBot

extension DealsInput {
    @Suite("RegistrationParser.validate (modal)")
    struct ModalForm {
        static func validate(_ fields: [RegistrationField: String]) -> Result<RegistrationRequest, RegistrationErrors> {
            RegistrationParser.validate(fields: fields, today: DealsInput.today)
        }

        @Test func acceptsEveryFieldAndTreatsBlankAsAbsent() {
            let full: [RegistrationField: String] = [
                .company: "  Acme   Corp ", .domain: "https://www.acme.com/", .amount: "$50,000", .close: "2027-03-31",
                .contact: "Ann@ACME.com", .motion: "Resale", .source: "influenced", .note: "  met at summit\nfollow up  ",
            ]
            #expect(Self.validate(full) == .success(RegistrationRequest(
                company: "Acme Corp", domain: "acme.com", amount: Money(minorUnits: 5_000_000), closeDate: DealsInput.date(2027, 3, 31),
                contact: "Ann@acme.com", motion: .resale, source: .influenced, note: "met at summit\nfollow up")))
            let sparse: [RegistrationField: String] = [.company: "Acme", .domain: "", .amount: "  ", .note: "\n"]
            #expect(Self.validate(sparse) == .success(RegistrationRequest(company: "Acme")))
        }

        @Test func reportsEveryFieldInOrder() {
            let fields: [RegistrationField: String] = [
                .company: "", .domain: "acme", .amount: "abc", .close: "2020-01-01", .contact: "ann",
                .motion: "x", .source: "y", .note: String(repeating: "n", count: 1_001),
            ]
            let errors = DealsInput.failure(Self.validate(fields))
            #expect(errors?.map(\.field) == RegistrationField.allCases)
            for error in errors ?? [] { DealsInput.expectFriendly(error) }
            #expect(errors?[.close]?.message == "The close date `2020-01-01` is in the past: use a future date such as `2027-02-20`.")
            #expect(errors?[.company]?.message == "The company name is missing: type the customer's company name, e.g. `Acme Corp`.")
        }

        @Test func writesExamplesAsFieldValuesNotOptions() throws {
            let errors = try #require(DealsInput.failure(Self.validate([.company: "Acme", .amount: "abc", .domain: "ann@acme.com"])))
            #expect(errors.count == 2)
            #expect(errors[.amount]?.message == "The amount `abc` isn't a number I can read: write it like `50k`, `$50,000` or `€40k`.")
            #expect(errors[.domain]?.message.contains("the contact field") == true)
            #expect(errors.allSatisfy { !$0.message.contains("amount:") && !$0.message.contains("domain:") })
        }

        @Test func keepsModalTextAsTyped() {
            #expect(Self.validate([.company: "AT&T"]) == .success(RegistrationRequest(company: "AT&T")))
            #expect(Self.validate([.company: "R&amp;D Labs"]) == .success(RegistrationRequest(company: "R&amp;D Labs")))
        }

        @Test func missingCompanyIsTheOnlyErrorOfAnEmptyForm() {
            #expect(DealsInput.failure(Self.validate([:]))?.map(\.field) == [.company])
        }
    }

    @Suite("Hostile input")
    struct HostileInput {
        @Test func acceptsTwoHundredCharactersAndRefusesMore() throws {
            let longest = String(repeating: "a", count: 200)
            #expect((try? RegistrationParser.parse(longest, today: DealsInput.today).get())?.company == longest)
            let error = try #require(DealsInput.failure(RegistrationParser.parse(longest + "b", today: DealsInput.today)))
            #expect(error.message == "The company name is 201 characters long, over the limit of 200: shorten it, e.g. `Acme Corp`.")
        }

        @Test(arguments: [
            String(repeating: "A", count: 10_240),
            String(repeating: "Acme ", count: 2_048),
            "a" + String(repeating: "\u{0301}", count: 10_000),
            String(repeating: "👩‍👩‍👧‍👦", count: 190),
        ])
        func refusesHugeNamesClearly(name: String) throws {
            for result in [
                RegistrationParser.parse(#"""# + name + #"""#, today: DealsInput.today).mapError { RegistrationErrors([$0]) },
                RegistrationParser.validate(fields: [.company: name], today: DealsInput.today),
            ] {
                let error = try #require(DealsInput.failure(result)?.first)
                #expect(error.field == .company)
                #expect(error.message.contains("over the limit of"), "\(error.message)")
                #expect(error.message.count < 200)
            }
        }

        @Test(arguments: [
            ("Acme\u{0}Corp", "U+0000"), ("Acme\u{1B}[31mCorp", "U+001B"), ("Acme\u{7F}", "U+007F"),
            ("Acme\u{202E}proC", "U+202E"), ("\u{2066}Acme", "U+2066"),
        ])
        func refusesControlCharacters(name: String, codePoint: String) throws {
            let error = try #require(DealsInput.failure(RegistrationParser.parse(name, today: DealsInput.today)))
            #expect(error.field == .company)
            #expect(error.message.contains("control character (\(codePoint))"), "\(error.message)")
            DealsInput.expectFriendly(error)
        }

        @Test func refusesGarbledTextAndNamesWithoutLetters() throws {
            let garbled = String(decoding: [0x41, 0x63, 0xFF, 0xFE, 0x6D, 0x65], as: UTF8.self)
            let unreadable = try #require(DealsInput.failure(RegistrationParser.parse(garbled, today: DealsInput.today)))
            #expect(unreadable.field == .company)
            #expect(unreadable.message.contains("unreadable character"))
            let symbols = try #require(DealsInput.failure(RegistrationParser.parse("!!! ??? amount:5k", today: DealsInput.today)))
            #expect(symbols.message == "The company name `!!! ???` has no letters or digits: use the customer's real name, e.g. `Acme Corp`.")
        }

        @Test func echoesUserTextWithoutMarkupMentionsOrBreakingCodeSpans() throws {
            let mention = try #require(DealsInput.failure(RegistrationParser.parse("Acme domain:<!here>", today: DealsInput.today)))
            #expect(mention.message.contains("`&lt;!here&gt;`"))
            #expect(!mention.message.contains("<!here>"))
            let backticks = try #require(DealsInput.failure(RegistrationParser.parse("Acme motion:`x`y", today: DealsInput.today)))
            #expect(backticks.message.contains("`'x'y`"))
            let long = try #require(DealsInput.failure(RegistrationParser.parse("Acme contact:" + String(repeating: "z", count: 5_000), today: DealsInput.today)))
            #expect(long.message.contains(String(repeating: "z", count: 40) + "…`"))
            #expect(long.message.count < 300)
        }

        @Test(arguments: [
            String(repeating: "<", count: 50_000), String(repeating: "&amp;", count: 20_000), String(repeating: "<a|", count: 20_000) + ">",
            String(repeating: "\"", count: 10_001), String(repeating: "k:", count: 20_000), String(repeating: "x", count: 10_000) + ":y",
            String(repeating: "a b ", count: 20_000), "\u{FEFF}\u{200B}", "amount:" + String(repeating: "9", count: 10_000),
        ])
        func survivesAdversarialText(text: String) {
            // Any answer is fine as long as there is one, quickly: no crash, no hang.
            switch RegistrationParser.parse(text, today: DealsInput.today) {
            case .success(let request): #expect(request.company.count <= 200)
            case .failure(let error): #expect(!error.message.isEmpty)
            }
        }

        @Test(arguments: [
            ("a<http://x.com|label>b", "alabelb"), ("<mailto:ann@acme.com>", "ann@acme.com"), ("<https://acme.com>", "https://acme.com"),
            ("<@U123> and <#C1|general>", "<@U123> and <#C1|general>"), ("<!here>", "<!here>"), ("a <b", "a <b"), ("<>", "<>"),
            ("x &amp;lt; y", "x &lt; y"), ("a&b", "a&b"), ("&lt;&gt;&amp;", "<>&"), ("", ""),
        ])
        func undoesSlackEscaping(text: String, expected: String) {
            #expect(SlackText.decode(text) == expected)
        }
    }
}
