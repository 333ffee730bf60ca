import SlackPlatform

/// The answers to people who may not do what they asked.
enum AccessReplies {
    /// For users the program does not know.
    static let notEnrolled = MessageReply.ephemeral(
        "You are not enrolled in the partner program; ask your partner manager to add you. Nothing was saved.")

    /// For vendor staff trying a partner-only command.
    static func partnersOnly(_ what: String) -> MessageReply {
        .ephemeral("\(what) is for partner organisations. Partner managers decide registrations with `/deal pending` and `/deal approve DR-n`.")
    }

    /// For partners trying a manager-only command.
    static func managersOnly(_ what: String) -> MessageReply {
        .ephemeral("Only partner managers can \(what). Nothing was changed.")
    }

    /// For anyone but marketing trying a marketing command.
    static func marketingOnly(_ what: String) -> MessageReply {
        .ephemeral("Only the marketing team can \(what). Nothing was sent.")
    }

    /// Storage trouble: nothing was saved.
    /// A registration the database could not take (a full disk, a read-only file).
    static let registrationNotSaved = MessageReply.ephemeral(
        "Sorry, your registration could not be saved, so nothing was registered. Please try again in a few minutes; if it keeps failing, tell your partner manager.")

    /// The same, under the registration form's first field (the form stays open with what was typed).
    static let registrationNotSavedInForm =
        "Your registration could not be saved, so nothing was registered. Please submit again in a few minutes; if it keeps failing, tell your partner manager."

    /// Storage trouble in any other form, under one of its fields.
    static let formNotSaved = "This could not be saved, so nothing changed. Please submit again in a few minutes."

    static let storageUnavailable = MessageReply.ephemeral(
        "Sorry, I couldn't reach the program's records just now, so nothing was saved. Please try again in a minute.")
}
