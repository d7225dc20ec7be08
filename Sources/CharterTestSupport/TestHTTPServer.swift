public import Foundation
internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix

/// A request as the test server saw it.
public struct TestRequest: Sendable {
    public let path: String
    public let headers: [String: String]
    public var method: String = "GET"
    public var body: [UInt8] = []

    /// The value of one cookie sent with the request.
    public func cookie(_ name: String) -> String? {
        guard let header = headers["cookie"] else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == name { return parts[1] }
        }
        return nil
    }
}

/// What the test server answers.
public struct TestResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// Seconds to wait before answering (a slow server).
    public var delay: Double
    /// A `Content-Length` larger than the body: the connection closes early (a
    /// truncated response).
    public var declaredLength: Int?
    /// Seconds between the body's bytes, sent one at a time after the head (a server
    /// that answers at once and then dribbles the page).
    public var byteInterval: Double?

    public init(
        status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], delay: Double = 0, declaredLength: Int? = nil,
        byteInterval: Double? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.declaredLength = declaredLength
        self.byteInterval = byteInterval
    }

    public static func html(_ text: String, headers: [(String, String)] = []) -> TestResponse {
        TestResponse(headers: [("Content-Type", "text/html; charset=utf-8")] + headers, body: Array(text.utf8))
    }
}

/// An HTTP server on 127.0.0.1 and an ephemeral port, for tests that fetch. Start it
/// with `start`, stop it with `stop`; the handler runs for every request.
public final class TestHTTPServer: Sendable {
    public let port: Int
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public static func start(_ handler: @escaping @Sendable (TestRequest) -> TestResponse) async throws -> TestHTTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(RequestHandler(handler: handler))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TestHTTPServer(port: channel.localAddress?.port ?? 0, channel: channel, group: group)
    }

    private init(port: Int, channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.port = port
        self.channel = channel
        self.group = group
    }

    public func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let handler: @Sendable (TestRequest) -> TestResponse
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(handler: @escaping @Sendable (TestRequest) -> TestResponse) { self.handler = handler }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(let buffer): body += Array(buffer.readableBytesView)
        case .end:
            guard let head else { return }
            var headers: [String: String] = [:]
            for (name, value) in head.headers { headers[name.lowercased()] = value }
            let response = handler(TestRequest(path: head.uri, headers: headers, method: head.method.rawValue, body: body))
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: .milliseconds(Int64(response.delay * 1000))) {
                let (handler, context) = loopBound.value
                handler.write(response, context: context)
            }
        }
    }

    func write(_ response: TestResponse, context: ChannelHandlerContext) {
        var headers = HTTPHeaders(response.headers)
        headers.replaceOrAdd(name: "Content-Length", value: String(response.declaredLength ?? response.body.count))
        headers.replaceOrAdd(name: "Connection", value: "close")
        let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: response.status), headers: headers)
        if let interval = response.byteInterval {
            context.writeAndFlush(wrapOutboundOut(.head(head)), promise: nil)
            dribble(response.body[...], every: interval, context: context)
            return
        }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }

    /// Sends one byte, then the rest later; stops when the client has gone.
    func dribble(_ bytes: ArraySlice<UInt8>, every interval: Double, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        guard let byte = bytes.first else {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
            return
        }
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: [byte])))), promise: nil)
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: .milliseconds(Int64(interval * 1000))) {
            let (handler, context) = loopBound.value
            handler.dribble(bytes.dropFirst(), every: interval, context: context)
        }
    }
}
