internal import Foundation
internal import NIOCore
internal import NIOPosix
internal import WebSocketKit

/// A JSON object from the DevTools protocol. Values are plain JSON (strings, numbers,
/// arrays, dictionaries) and never mutated, so they cross tasks safely.
struct DevToolsObject: @unchecked Sendable {
    let fields: [String: Any]

    subscript(key: String) -> Any? { fields[key] }
    func string(_ key: String) -> String? { fields[key] as? String }
    func object(_ key: String) -> DevToolsObject? { (fields[key] as? [String: Any]).map(DevToolsObject.init) }
    func objects(_ key: String) -> [DevToolsObject] { (fields[key] as? [[String: Any]] ?? []).map(DevToolsObject.init) }
}

/// A DevTools event: `method` and `params`, and the session it belongs to.
struct DevToolsEvent: Sendable {
    let method: String
    let params: DevToolsObject
    let session: String?
}

/// One WebSocket connection to a browser's DevTools endpoint, in flat session mode:
/// commands carry an id and optionally a session id, and each reply is matched to its
/// command by id. Events go to one handler.
final class DevToolsConnection: @unchecked Sendable {
    // Safe as @unchecked Sendable: the mutable state below is only touched under `lock`.
    private let socket: WebSocket
    private let lock = NSLock()
    private var nextID = 1
    private var waiting: [Int: CheckedContinuation<DevToolsObject, any Error>] = [:]
    private var closedReason: String?
    private var handler: (@Sendable (DevToolsEvent) -> Void)?

    private init(socket: WebSocket) {
        self.socket = socket
    }

    /// - Parameter maxMessage: the largest message accepted (the rendered document
    ///   arrives as one).
    static func connect(to endpoint: String, maxMessage: Int) async throws(RenderError) -> DevToolsConnection {
        let group = MultiThreadedEventLoopGroup.singleton
        // Settled when the upgrade handler has run, which is after the future `connect`
        // returns has succeeded.
        let opened = group.any().makePromise(of: DevToolsConnection.self)
        WebSocket.connect(
            to: endpoint, configuration: WebSocketClient.Configuration(maxFrameSize: maxMessage), on: group
        ) { socket in
            // Runs on the socket's event loop, where WebSocketKit wants its callbacks set.
            let connection = DevToolsConnection(socket: socket)
            socket.onText { _, text in connection.receive(text) }
            socket.onClose.whenComplete { _ in connection.fail("the browser closed the DevTools connection") }
            opened.succeed(connection)
        }.whenFailure { opened.fail($0) }
        do {
            return try await opened.futureResult.get()
        } catch {
            throw .protocolFailed("cannot connect to \(endpoint): \(error)")
        }
    }

    func onEvent(_ handler: @escaping @Sendable (DevToolsEvent) -> Void) {
        lock.withLock { self.handler = handler }
    }

    /// Sends one command and waits for its result. Cancelling the calling task
    /// abandons the wait.
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], session: String? = nil) async throws(RenderError) -> DevToolsObject {
        let id = lock.withLock {
            defer { nextID += 1 }
            return nextID
        }
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        guard let data = try? JSONSerialization.data(withJSONObject: message) else {
            throw .protocolFailed("\(method): the command could not be encoded")
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<DevToolsObject, any Error>) in
                    let closed: String? = lock.withLock {
                        if let closedReason { return closedReason }
                        waiting[id] = continuation
                        return nil
                    }
                    if let closed { return continuation.resume(throwing: RenderError.protocolFailed(closed)) }
                    socket.send(text)
                }
            } onCancel: {
                lock.withLock { waiting.removeValue(forKey: id) }?.resume(throwing: CancellationError())
            }
        } catch let error as RenderError {
            throw error
        } catch is CancellationError {
            throw .protocolFailed("\(method): cancelled")
        } catch {
            throw .protocolFailed("\(method): \(error)")
        }
    }

    /// Why the connection ended (the browser exited, or it was closed), nil while open.
    var closed: String? { lock.withLock { closedReason } }

    func close() async {
        try? await socket.close()
        fail("closed")
    }

    private func receive(_ text: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return }
        if let id = object["id"] as? Int {
            guard let continuation = lock.withLock({ waiting.removeValue(forKey: id) }) else { return }
            if let error = object["error"] as? [String: Any] {
                continuation.resume(throwing: RenderError.protocolFailed(error["message"] as? String ?? "error \(error)"))
            } else {
                continuation.resume(returning: DevToolsObject(fields: object["result"] as? [String: Any] ?? [:]))
            }
        } else if let method = object["method"] as? String {
            let event = DevToolsEvent(
                method: method, params: DevToolsObject(fields: object["params"] as? [String: Any] ?? [:]),
                session: object["sessionId"] as? String)
            lock.withLock { handler }?(event)
        }
    }

    private func fail(_ reason: String) {
        let pending = lock.withLock {
            closedReason = closedReason ?? reason
            defer { waiting.removeAll() }
            return Array(waiting.values)
        }
        for continuation in pending { continuation.resume(throwing: RenderError.protocolFailed(reason)) }
    }
}
