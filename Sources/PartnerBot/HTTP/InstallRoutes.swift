import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `GET /slack/install` and `GET /slack/oauth_redirect`: the OAuth v2 install, reached by a
/// browser (not signed by Slack, so outside the signature middleware). Without OAuth settings
/// both answer 404 with one line saying what to configure.
struct InstallRoutes: Sendable {
    /// The flow; `nil` when OAuth installs are not configured.
    let flow: InstallFlow?

    static let cookieName = "partnerbot_oauth_state"
    static let notConfigured = "OAuth installs are not configured: set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and PARTNERBOT_PUBLIC_URL.\n"

    func register(on router: some RouterMethods<SlackRequestContext>) {
        router.get("slack/install") { _, context in install(context: context) }
        router.get("slack/oauth_redirect") { request, context in await redirect(request, context: context) }
    }

    func install(context: SlackRequestContext) -> Response {
        guard let flow else { return Self.notFound() }
        let (state, url) = flow.begin()
        var response = Self.html(InstallPages.install(authorizeURL: url), status: .ok)
        response.setCookie(Self.stateCookie(state.value, maxAge: OAuthState.lifetime))
        context.logger.debug("install page served")
        return response
    }

    func redirect(_ request: Request, context: SlackRequestContext) async -> Response {
        guard let flow else { return Self.notFound() }
        let query = request.uri.queryParameters
        let outcome = await flow.complete(
            code: query["code"].map(String.init), state: query["state"].map(String.init), error: query["error"].map(String.init),
            cookie: request.cookies[Self.cookieName]?.value, logger: context.logger)
        var response: Response
        switch outcome {
        case .installed(let installation):
            context.logger.notice(
                "app installed",
                metadata: [
                    "installation": "\(installation.key)", "team": "\(installation.teamID ?? "-")", "enterprise": "\(installation.enterpriseID ?? "-")",
                    "rotating": "\(installation.refreshToken != nil)",
                ])
            response = Self.html(InstallPages.installed(workspace: installation.displayName), status: .ok)
        case .cancelled:
            context.logger.info("install cancelled by the installer")
            response = Self.html(InstallPages.cancelled(), status: .ok)
        case .failed(let failure):
            context.logger.warning("install refused", metadata: ["reason": "\(failure.logDescription)"])
            response = Self.html(InstallPages.failed(failure.userMessage), status: HTTPResponse.Status(code: failure.httpStatus))
        }
        // The attempt is over whatever its outcome: a new one starts from the install page.
        response.setCookie(Self.stateCookie("", maxAge: 0))
        return response
    }

    static func stateCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: cookieName, value: value, maxAge: maxAge, path: "/slack", secure: true, httpOnly: true, sameSite: .lax)
    }

    static func html(_ page: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                HTTPField.Name("Referrer-Policy")!: "no-referrer",
                HTTPField.Name("Content-Security-Policy")!: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func notFound() -> Response {
        Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: notConfigured)))
    }
}
