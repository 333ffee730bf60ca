import Testing
@testable import PartnerBot

extension DealsInput {
    @Suite("CustomerIdentity")
    struct Identity {
        @Test(arguments: [
            // The look-alikes that must collide.
            ("ACME, Inc.", "acme"), ("Acme Incorporated", "acme"), ("acme inc", "acme"), ("ＡＣＭＥ Inc.", "acme"),
            ("Acme Corp.", "acme"), ("Acme Corporation", "acme"), ("  Acme   LLC ", "acme"), ("Acme L.L.C.", "acme"),
            ("Acme Holdings Co., Ltd.", "acme holdings"), ("acme holdings", "acme holdings"), ("Acme Co Inc", "acme"),
            ("Müller GmbH", "muller"), ("MULLER", "muller"), ("Société Générale S.A.", "societe generale"),
            ("Straße AG", "strasse"), ("Øresund Pty Ltd", "oresund"), ("Łódź Sp", "lodz sp"),
            ("McDonald's Corporation", "mcdonalds"), ("McDonald’s", "mcdonalds"), ("Coca-Cola Company", "coca cola"),
            ("Acme & Co.", "acme"), ("Barnes & Noble", "barnes and noble"), ("Barnes and Noble, Inc.", "barnes and noble"),
            ("AT&T", "at and t"), ("AT&T Inc.", "at and t"), ("at and t", "at and t"), ("ＡＴ＆Ｔ", "at and t"),
            // Suffixes only at the end, only whole words, never leaving the key empty.
            ("Co", "co"), ("Co.", "co"), ("Inc Co", "inc"), ("Company Co", "company"), ("Ltd.", "ltd"),
            ("Inc. Magazine", "inc magazine"), ("Bancorp", "bancorp"), ("Incognito Ltd", "incognito"),
            ("Acme, Inc. (US)", "acme inc us"), ("Acme Bank", "acme bank"), ("Acme SAS", "acme"), ("Nokia Oyj", "nokia oyj"),
            ("Nokia Oy", "nokia"), ("Spotify AB", "spotify"), ("Philips N.V.", "philips"), ("Toyota K.K.", "toyota"),
            ("ABB Ltd", "abb"), ("AB", "ab"),
            // Other scripts keep their characters; width and case forms fold.
            ("Σίσυφος ΑΕ", "σισυφοσ αε"), ("ｶﾞｽ", "ガス"), ("ガス", "ガス"), ("北京科技 有限公司", "北京科技 有限公司"),
            ("हिन्दी Labs", "हिन्दी labs"), ("3M Co", "3m"), ("Ⅻ Labs", "xii labs"),
            // Nothing to key on.
            ("!!!", ""), ("", ""), ("  ", ""), ("🚀 Rocket", "rocket"),
        ])
        func normalizesCompanyNames(name: String, expected: String) {
            #expect(CustomerIdentity.key(for: name) == expected)
        }

        @Test(arguments: [
            ("Acme", "Acme Bank"), ("Acme", "Acme Holdings"), ("Globex", "Globe X"), ("AT&T", "ATT"),
            ("Initech", "Initech Labs"), ("Co", "Company"),
        ])
        func keepsDifferentCompaniesApart(first: String, second: String) {
            #expect(CustomerIdentity.key(for: first) != CustomerIdentity.key(for: second))
        }

        @Test(arguments: [
            ("acme.com", "acme.com"), ("https://www.Acme.com/about", "acme.com"), ("ACME.COM", "acme.com"),
            ("acme.com.", "acme.com"), ("http://acme.com:8080/x?y=1#z", "acme.com"), ("www.acme.co.uk", "acme.co.uk"),
            ("sub.acme.io", "sub.acme.io"), ("my-company.de", "my-company.de"), ("  acme.com\n", "acme.com"),
            ("https://user:pw@acme.com/", "acme.com"), ("www.com", "www.com"), ("x1.ai", "x1.ai"),
            ("acme.com?ref=x", "acme.com"), ("xn--mnchen-3ya.de", "xn--mnchen-3ya.de"), ("a.bc", "a.bc"),
            (String(repeating: "a", count: 63) + ".com", String(repeating: "a", count: 63) + ".com"),
        ])
        func normalizesDomains(text: String, expected: String) {
            #expect(CustomerIdentity.normalizedDomain(text) == expected)
        }

        @Test(arguments: [
            "", "acme", "acme.", ".com", "acme..com", "-acme.com", "acme-.com", "acme.c", "acme.c0m", "acme.123",
            "ac me.com", "acme_corp.com", "münchen.de", "ann@acme.com", "acme.com:abc", "acme.com:", "acme.com:123456",
            "http://", "https:///acme.com", "javascript:alert(1)", "1.2.3.4", "<http://acme.com|acme.com>", "acme.com\u{0}",
            "ftp//acme.com", "9ttp://acme.com", String(repeating: "a", count: 64) + ".com",
            Array(repeating: "abcdefghi", count: 26).joined(separator: ".") + ".com",
        ])
        func rejectsInvalidDomains(text: String) {
            #expect(CustomerIdentity.normalizedDomain(text) == nil)
        }

        @Test(arguments: [
            ("ann@acme.com", "ann@acme.com"), ("Ann.Lee@ACME.com", "Ann.Lee@acme.com"), (" ann@acme.com ", "ann@acme.com"),
            ("mailto:ann@acme.com", "ann@acme.com"), ("ann+deals@acme.co.uk", "ann+deals@acme.co.uk"),
            ("o'brien@acme.ie", "o'brien@acme.ie"), ("ann@acme.com.", "ann@acme.com"), ("ann@www.acme.com", "ann@www.acme.com"),
            (String(repeating: "a", count: 64) + "@acme.com", String(repeating: "a", count: 64) + "@acme.com"),
        ])
        func normalizesEmails(text: String, expected: String) {
            #expect(CustomerIdentity.normalizedEmail(text) == expected)
        }

        @Test(arguments: [
            "", "ann", "@acme.com", "ann@", "ann@@acme.com", "ann@bob@acme.com", "ann lee@acme.com", "ann@acme",
            "ann@acme..com", ".ann@acme.com", "ann.@acme.com", "an..n@acme.com", "ann@https://acme.com", "<ann@acme.com>",
            "ann\u{0}@acme.com", "ann\u{200B}@acme.com", "ann@acme.com/x", "ann@acme.com:25", "ann@münchen.de",
            "ann,bob@acme.com", "ann;@acme.com", "\"ann\"@acme.com", String(repeating: "a", count: 65) + "@acme.com",
        ])
        func rejectsInvalidEmails(text: String) {
            #expect(CustomerIdentity.normalizedEmail(text) == nil)
        }

        @Test func theRequestKnowsItsCustomerKey() {
            #expect(RegistrationRequest(company: "ACME, Inc.").customerKey == "acme")
        }
    }
}
