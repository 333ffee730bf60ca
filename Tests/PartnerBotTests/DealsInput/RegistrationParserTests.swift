import Testing
@testable import PartnerBot

extension DealsInput {
    @Suite("RegistrationParser.parse (inline)")
    struct InlineForm {
        static func parse(_ text: String) -> Result<RegistrationRequest, RegistrationError> {
            RegistrationParser.parse(text, today: DealsInput.today)
        }

        @Test func parsesTheFullExampleExactly() {
            let text = #"Acme Corp domain:acme.com amount:50k close:2027-03-31 contact:ann@acme.com motion:resale source:sourced note:"met at summit""#
            let expected = RegistrationRequest(
                company: "Acme Corp", domain: "acme.com", amount: Money(minorUnits: 5_000_000, currency: "USD"),
                closeDate: DealsInput.date(2027, 3, 31), contact: "ann@acme.com", motion: .resale, source: .sourced,
                note: "met at summit")
            #expect(Self.parse(text) == .success(expected))
        }

        @Test(arguments: [
            ("Acme Corp", RegistrationRequest(company: "Acme Corp")),
            ("amount:50k Acme close:2027-03-31 Corp", RegistrationRequest(company: "Acme Corp", amount: Money(minorUnits: 5_000_000), closeDate: DealsInput.date(2027, 3, 31))),
            ("Acme AMOUNT:50k Motion:Resale SOURCE:Influenced", RegistrationRequest(company: "Acme", amount: Money(minorUnits: 5_000_000), motion: .resale, source: .influenced)),
            ("Acme contact:<mailto:ann@acme.com|ann@acme.com> domain:<http://acme.com|acme.com>", RegistrationRequest(company: "Acme", domain: "acme.com", contact: "ann@acme.com")),
            ("Acme contact:<mailto:Ann@ACME.com> domain:<https://www.acme.com/about>", RegistrationRequest(company: "Acme", domain: "acme.com", contact: "Ann@acme.com")),
            (#"AT&amp;T Labs note:"a &lt;b&gt; &amp;amp; c""#, RegistrationRequest(company: "AT&T Labs", note: "a <b> &amp; c")),
            ("<http://acme.com|Acme.com> Inc", RegistrationRequest(company: "Acme.com Inc")),
            (#""Re:Invent Labs" amount:5k"#, RegistrationRequest(company: "Re:Invent Labs", amount: Money(minorUnits: 500_000))),
            ("Acme note:“met at summit”", RegistrationRequest(company: "Acme", note: "met at summit")),
            ("Acme amount:40k EUR", RegistrationRequest(company: "Acme", amount: Money(minorUnits: 4_000_000, currency: "EUR"))),
            ("Acme amount:EUR 40k", RegistrationRequest(company: "Acme", amount: Money(minorUnits: 4_000_000, currency: "EUR"))),
            (#"Acme amount:"£3k""#, RegistrationRequest(company: "Acme", amount: Money(minorUnits: 300_000, currency: "GBP"))),
            (#"company:"Acme  Corp" amount:5k"#, RegistrationRequest(company: "Acme Corp", amount: Money(minorUnits: 500_000))),
            (#""  Acme    Corp  ""#, RegistrationRequest(company: "Acme Corp")),
            ("  Acme\tCorp\n  ", RegistrationRequest(company: "Acme Corp")),
            ("Acme close:2028-11-22", RegistrationRequest(company: "Acme", closeDate: DealsInput.date(2028, 11, 22))),
            ("Acme close:2026-11-23", RegistrationRequest(company: "Acme", closeDate: DealsInput.date(2026, 11, 23))),
            ("Robert'); DROP TABLE deals;-- amount:5k", RegistrationRequest(company: "Robert'); DROP TABLE deals;--", amount: Money(minorUnits: 500_000))),
            ("🚀 Rocket Labs 株式会社", RegistrationRequest(company: "🚀 Rocket Labs 株式会社")),
        ])
        func parsesValidInput(text: String, expected: RegistrationRequest) {
            #expect(Self.parse(text) == .success(expected))
        }

        /// (input, field the error must be about, words the message must contain)
        static let invalid: [(String, RegistrationField, [String])] = [
            ("domain:acme.com amount:50k", .company, ["company name is missing", "`Acme Corp amount:50k close:2027-02-20`"]),
            ("", .company, ["company name is missing"]),
            (#""   ""#, .company, ["company name is missing"]),
            ("Acme domain:acme", .domain, ["domain `acme`", "`domain:acme.com`"]),
            ("Acme domain:ann@acme.com", .domain, ["email address", "`contact:`"]),
            ("Acme amount:abc", .amount, ["amount `abc`", "`amount:50k`"]),
            ("Acme amount:-5k", .amount, ["negative"]),
            ("Acme amount:0", .amount, ["zero"]),
            ("Acme amount:50kk", .amount, ["amount `50kk`"]),
            ("Acme amount:2000000000000", .amount, ["limit of 1,000,000,000,000"]),
            (#"Acme amount:"50k XYZ""#, .amount, ["XYZ", "USD, EUR, GBP"]),
            ("Acme amount:$40k EUR", .amount, ["two different currencies"]),
            ("Acme amount:$", .amount, ["no number"]),
            ("Acme close:2020-01-01", .close, ["The close date `2020-01-01` is in the past: use a future date such as `close:2027-02-20`."]),
            ("Acme close:2026-11-22", .close, ["is today", "`close:2027-02-20`"]),
            ("Acme close:2028-11-23", .close, ["more than two years", "`2028-11-22`"]),
            ("Acme close:2027-3-31", .close, ["YYYY-MM-DD", "`close:2027-03-31`"]),
            ("Acme close:2020/1/1", .close, ["YYYY-MM-DD", "`close:2027-02-20`"]),
            ("Acme close:2027-02-29", .close, ["isn't a real day"]),
            ("Acme close:03/31/2027", .close, ["YYYY-MM-DD"]),
            ("Acme close:tomorrow", .close, ["close date `tomorrow`"]),
            ("Acme contact:ann", .contact, ["contact `ann`", "`contact:ann@acme.com`"]),
            ("Acme contact:<mailto:ann@acme|ann@acme>", .contact, ["contact `ann@acme`"]),
            ("Acme motion:partner", .motion, ["motion `partner`", "`referral`, `resale`, `marketplace`, `services` or `tech`"]),
            ("Acme source:found", .source, ["source `found`", "`influenced`", "`source:sourced`"]),
            (#"Acme note:""# + String(repeating: "x", count: 1_001) + #"""#, .note, ["note is 1,001 characters", "limit of 1,000"]),
            ("Acme note:\"bell\u{7}\"", .note, ["control character (U+0007)"]),
        ]

        @Test(arguments: invalid)
        func reportsTheFieldAndWhatToDo(text: String, field: RegistrationField, phrases: [String]) throws {
            let error = try #require(DealsInput.failure(Self.parse(text)))
            #expect(error.field == field)
            for phrase in phrases {
                #expect(error.message.contains(phrase), "\(error.message)")
            }
            DealsInput.expectFriendly(error)
        }

        @Test func reportsTheFirstProblemInFieldOrder() {
            #expect(DealsInput.failure(Self.parse("close:2020-01-01 amount:abc"))?.field == .company)
            #expect(DealsInput.failure(Self.parse("Acme close:2020-01-01 amount:abc"))?.field == .amount)
            #expect(DealsInput.failure(Self.parse("Acme note:\"\u{7}\" source:x motion:y"))?.field == .motion)
        }

        @Test(arguments: [
            ("Acme amt:50k", RegistrationField.amount, ["`amt:`", "amount", "`amount:50k`", "`domain:`, `amount:`, `close:`, `contact:`, `motion:`, `source:` and `note:`"]),
            ("Acme ammount:50k", .amount, ["`ammount:`", "`amount:50k`"]),
            ("Acme email:ann@acme.com", .contact, ["`email:`", "`contact:ann@acme.com`"]),
            ("Acme closedate:2027-03-31", .close, ["`closedate:`", "`close:2027-02-20`"]),
            ("Acme website:acme.com", .domain, ["`website:`", "`domain:acme.com`"]),
            ("Acme notes:hi", .note, ["`notes:`", "`note:\"met at summit\"`"]),
            ("Acme type:resale", .motion, ["`type:`", "`motion:resale`"]),
            ("name:Acme", .company, ["`name:`", "plain words"]),
            ("Acme foo:bar", .company, ["`foo:`", "quotes", "`\"Re:Invent Labs\" amount:50k`", "`note:`"]),
            ("Re:Invent Labs", .company, ["`re:`", "quotes"]),
        ])
        func namesUnknownOptionsAndTheKnownOnes(text: String, field: RegistrationField, phrases: [String]) throws {
            let error = try #require(DealsInput.failure(Self.parse(text)))
            #expect(error.field == field)
            for phrase in phrases {
                #expect(error.message.contains(phrase), "\(error.message)")
            }
            DealsInput.expectFriendly(error)
        }

        @Test func refusesRepeatedEmptyAndDoubledOptions() throws {
            let repeated = try #require(DealsInput.failure(Self.parse("Acme amount:50k AMOUNT:60k")))
            #expect(repeated.field == .amount)
            #expect(repeated.message == "The amount is given twice (`50k` and `60k`): give it once, e.g. `amount:50k`.")

            let empty = try #require(DealsInput.failure(Self.parse("Acme amount: 50k")))
            #expect(empty.field == .amount)
            #expect(empty.message == "The amount is empty: write it right after `amount:` with no space, e.g. `amount:50k`.")

            let emptyNote = try #require(DealsInput.failure(Self.parse(#"Acme note:"""#)))
            #expect(emptyNote.field == .note)

            let company = try #require(DealsInput.failure(Self.parse("Acme company:Globex")))
            #expect(company.field == .company)
            #expect(company.message.contains("twice"))
        }

        @Test func suggestsOnlyPlausibleFields() {
            #expect(RegistrationParser.suggestion(for: "amt") == .amount)
            #expect(RegistrationParser.suggestion(for: "contacts") == .contact)
            #expect(RegistrationParser.suggestion(for: "motoin") == .motion)
            #expect(RegistrationParser.suggestion(for: "zebra") == nil)
            #expect(RegistrationParser.suggestion(for: "re") == nil)
            #expect(RegistrationParser.suggestion(for: String(repeating: "a", count: 10_000)) == nil)
            #expect(RegistrationParser.editDistance("kitten", "sitting") == 3)
            #expect(RegistrationParser.editDistance("", "abc") == 3)
        }
    }

    /// The failure of a result, if any.
    static func failure<Success, Failure>(_ result: Result<Success, Failure>) -> Failure? {
        if case .failure(let error) = result { error } else { nil }
    }

    /// The message rules every error follows: one sentence that ends with a full stop, names its
    /// field, and shows a correct example in backticks ("e.g.", "such as", "like" or "as in").
    static func expectFriendly(_ error: RegistrationError, sourceLocation: SourceLocation = #_sourceLocation) {
        let message = error.message
        #expect(message.first?.isUppercase == true, "\(message)", sourceLocation: sourceLocation)
        #expect(message.hasSuffix(".") || message.hasSuffix("`."), "\(message)", sourceLocation: sourceLocation)
        #expect(message.contains(error.field.label) || message.contains("`\(error.field.rawValue):"), "\(message)", sourceLocation: sourceLocation)
        #expect(["e.g. `", "such as `", "like `", "as in `"].contains { message.contains($0) }, "\(message)", sourceLocation: sourceLocation)
        #expect(message.count < 600, "\(message)", sourceLocation: sourceLocation)
    }
}
