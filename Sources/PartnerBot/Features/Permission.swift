import SlackPlatform

/// Who may use a verb: the one rule a command, its buttons and its modals all check, so the
/// three paths never disagree.
public enum Permission: Sendable, Equatable {
    /// Anyone enrolled in the program.
    case enrolled
    /// Partner managers (program managers and organisations' own managers); the text completes
    /// "Only partner managers can …".
    case managers(String)
    /// People of a partner organisation; the text names the act ("Registering deals").
    case partners(String)
    /// The marketing team; the text completes "Only the marketing team can …".
    case marketing(String)

    /// `nil` when `caller` may, else the answer refusing them (the unenrolled are told so first).
    func refusal(for caller: Caller) -> MessageReply? {
        guard caller.isEnrolled else { return AccessReplies.notEnrolled }
        switch self {
        case .enrolled: return nil
        case .managers(let doing): return caller.isManager ? nil : AccessReplies.managersOnly(doing)
        case .partners(let doing): return caller.partnerOrg != nil ? nil : AccessReplies.partnersOnly(doing)
        case .marketing(let doing): return caller.isMarketing ? nil : AccessReplies.marketingOnly(doing)
        }
    }

    /// Whether `caller` may act on something of organisation `org`: a manager who manages it, a
    /// partner of it, or (for `.enrolled` and `.marketing`) anyone the role check let through.
    func covers(_ caller: Caller, org: String) -> Bool {
        switch self {
        case .managers: caller.canManage(org: org)
        case .partners: caller.partnerOrg == org
        case .enrolled, .marketing: true
        }
    }
}
