/// A certification track of the program (`certifications.tracks` in the configuration).
public struct CertificationTrack: Sendable, Equatable {
    /// Kinds of track.
    public enum Kind: String, Sendable, CaseIterable {
        case product, sales, technical
    }

    /// Slug id, e.g. `sales-pro`.
    public var id: String
    /// Display name.
    public var name: String
    /// Kind.
    public var type: Kind
    /// Optional level, e.g. `associate`, `professional`.
    public var level: String?
    /// Months a certification stays valid after it is earned.
    public var validMonths: Int
    /// Days before expiry when recertification opens (status `expiring`).
    public var recertWindowDays: Int
    /// A track that must be held (active or expiring) before this one can be claimed or granted.
    public var prerequisite: String?

    /// Creates a track.
    public init(id: String, name: String, type: Kind, level: String? = nil, validMonths: Int = 12, recertWindowDays: Int = 30, prerequisite: String? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.level = level
        self.validMonths = validMonths
        self.recertWindowDays = recertWindowDays
        self.prerequisite = prerequisite
    }

    /// The shipped catalogue: product fundamentals first, then sales and technical tracks on top of it.
    public static let defaults: [CertificationTrack] = [
        .init(id: "product-fundamentals", name: "Product Fundamentals", type: .product, validMonths: 24, recertWindowDays: 60),
        .init(id: "sales-pro", name: "Sales Professional", type: .sales, level: "professional", prerequisite: "product-fundamentals"),
        .init(id: "technical-associate", name: "Technical Associate", type: .technical, level: "associate", prerequisite: "product-fundamentals"),
        .init(id: "technical-professional", name: "Technical Professional", type: .technical, level: "professional", validMonths: 24, recertWindowDays: 60, prerequisite: "technical-associate"),
    ]
}
