extension ActionID {
    /// A partner acknowledges an announcement.
    public static let announcementAcknowledge = ActionID(rawValue: "announcement_ack")
}
