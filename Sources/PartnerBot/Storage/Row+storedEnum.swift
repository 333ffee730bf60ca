import GRDB

extension Row {
    /// A text column holding one of an enum's raw values (a status, a state), for records
    /// decoded by hand.
    /// - Throws: `StorageError.corruptRow` when the stored text is no known case (written by a
    ///   newer build, or edited by hand).
    func storedEnum<Value: RawRepresentable>(_ column: String, table: String) throws -> Value where Value.RawValue == String {
        let text: String = self[column]
        guard let value = Value(rawValue: text) else {
            throw StorageError.corruptRow(table: table, reason: "unknown \(column) \(text)")
        }
        return value
    }
}
