extension SQLDatabase {
    /// `INDEXED BY index` on SQLite, where it makes the statement use that index (and fail rather
    /// than fall back to a scan); empty on PostgreSQL, which has no planner hints and finds the
    /// index, partial ones too, on its own.
    func indexedBy(_ index: String) -> String {
        dialect == .sqlite ? "INDEXED BY \(index)" : ""
    }

    /// `NOT INDEXED` on SQLite, where it makes the statement read the table itself instead of
    /// looking rows up through an index; empty on PostgreSQL, which has no planner hints.
    var notIndexed: String {
        dialect == .sqlite ? "NOT INDEXED" : ""
    }
}
