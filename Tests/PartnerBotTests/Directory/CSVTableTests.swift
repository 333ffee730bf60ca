import Testing
@testable import PartnerBot

@Suite("CSV reading")
struct CSVTableTests {
    @Test func quotesCommasNewlinesAndEscapedQuotesSurviveAndRowsKeepTheirLine() throws {
        let text = "\u{FEFF}org , name\r\nacme,\"Acme, \"\"the\"\" reseller\"\n\nglobex,\"Two\nlines\"\nhooli,  Hooli MSP  \n"
        let table = try CSVTable(parsing: text)
        #expect(table.header == ["org", "name"])
        #expect(table.rows.map(\.fields) == [["acme", "Acme, \"the\" reseller"], ["globex", "Two\nlines"], ["hooli", "Hooli MSP"]])
        #expect(table.rows.map(\.line) == [2, 4, 6])
    }

    @Test func anUnclosedQuoteOrAnEmptyFileIsExplained() {
        #expect(throws: DirectoryImportError.self) { try CSVTable(parsing: "org,name\nacme,\"open\n") }
        #expect(throws: DirectoryImportError.self) { try CSVTable(parsing: "\n\n") }
    }
}
