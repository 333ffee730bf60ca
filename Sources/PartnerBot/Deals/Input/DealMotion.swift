/// How the partner takes the deal to the customer.
public enum DealMotion: String, Sendable, CaseIterable, Codable {
    /// The partner refers the customer; the vendor sells.
    case referral
    /// The partner buys and resells the product.
    case resale
    /// The customer buys through a cloud marketplace.
    case marketplace
    /// The partner delivers services around the product.
    case services
    /// A technology (integration) partnership.
    case tech
}

/// Whether the partner found the deal or helped an existing one along.
public enum DealSourcing: String, Sendable, CaseIterable, Codable {
    /// The partner brought an opportunity the vendor did not know.
    case sourced
    /// The partner influenced an opportunity the vendor already had.
    case influenced
}
