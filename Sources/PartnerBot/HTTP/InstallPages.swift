/// The pages of the OAuth install: small, self-contained HTML (no scripts, no external assets),
/// every dynamic text escaped.
enum InstallPages {
    /// The *Add to Slack* page.
    static func install(authorizeURL: String) -> String {
        page(
            title: "Add partnerbot to Slack",
            body: """
                <h1>Add partnerbot to your Slack workspace</h1>
                <p>partnerbot runs the partner program in Slack: deal registration, certifications and program announcements.</p>
                <p><a class="button" href="\(HTML.escape(authorizeURL))">Add to Slack</a></p>
                <p class="small">You will be asked to allow the bot in your workspace. This link is valid for ten minutes, in this browser.</p>
                """)
    }

    /// The page after a successful install.
    static func installed(workspace: String) -> String {
        page(
            title: "partnerbot installed",
            body: """
                <h1>partnerbot is installed in \(HTML.escape(workspace))</h1>
                <p>You can close this page and use the partner program's commands in Slack, e.g. <code>/register help</code>.</p>
                """)
    }

    /// The page after the installer cancelled on Slack's page.
    static func cancelled() -> String {
        page(
            title: "Installation cancelled",
            body: """
                <h1>Installation cancelled</h1>
                <p>Nothing was installed. You can start again from the install page whenever you like.</p>
                """)
    }

    /// The page of a refused redirect.
    static func failed(_ message: String) -> String {
        page(
            title: "Installation not completed",
            body: """
                <h1>Installation not completed</h1>
                <p>\(HTML.escape(message))</p>
                <p><a href="/slack/install">Back to the install page</a></p>
                """)
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; color: #1d1c1d; }
        .button { display: inline-block; padding: .6rem 1.2rem; background: #4a154b; color: #fff; border-radius: .3rem; text-decoration: none; font-weight: 600; }
        .small { font-size: .85rem; color: #616061; }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
