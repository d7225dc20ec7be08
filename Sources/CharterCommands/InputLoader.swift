internal import CharterCheck
internal import CharterExtract
internal import CharterStore
internal import CharterTranslation
internal import CharterFetch
internal import CharterModel
internal import CharterRender
internal import Foundation

/// Reads one input — a file, `-` for stdin, or an http(s) URL — into an
/// `ExtractionInput`, with the size limit applied before anything is parsed.
///
/// The HTTP client is created on the first URL only: starting its event loop costs
/// milliseconds that extracting a file should not pay.
final class InputLoader: @unchecked Sendable {
    let options: SourceOptions
    private let lock = NSLock()
    private var client: PageFetcher?

    init(options: SourceOptions) {
        self.options = options
    }

    // Safe as @unchecked Sendable: `client` is only read and written under `lock`.
    private var fetcher: PageFetcher {
        lock.withLock {
            if let client { return client }
            let created = PageFetcher()
            client = created
            return created
        }
    }

    func shutdown() async {
        let created = lock.withLock { client }
        await created?.shutdown()
    }

    /// Runs `body` with this loader and shuts it down whatever happens; an extraction or
    /// translation error becomes the command's one-line failure.
    func reading<T>(_ body: (InputLoader) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await shutdown()
            return result
        } catch let error as ExtractionError {
            await shutdown()
            throw CommandFailure(error.description)
        } catch let error as TranslationError {
            await shutdown()
            throw CommandFailure(error.description)
        } catch {
            await shutdown()
            throw error
        }
    }

    static func isURL(_ input: String) -> Bool {
        let lowered = input.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    /// - Parameter language: the language to ask a URL for (default `--lang`); a URL
    ///   with `{lang}` in it is filled in rather than sent a cookie.
    func load(_ input: String, language: String? = nil) async throws -> ExtractionInput {
        if Self.isURL(input) { return try await fetch(input, language: language ?? options.lang) }
        if input == "-" {
            let bytes = try Self.read(FileHandle.standardInput, limit: options.maxBytes, name: "stdin")
            return ExtractionInput(bytes: bytes, name: "-", requestedLanguage: options.lang, scope: options.scope)
        }
        if input.contains("://") {
            throw CommandFailure("\(input): only files, - (stdin) and http(s) URLs are read")
        }
        return ExtractionInput(
            bytes: try Self.readFile(input, limit: options.maxBytes), name: input, requestedLanguage: options.lang,
            scope: options.scope)
    }

    /// Loads `input` and extracts it, rendering it in a headless browser when
    /// `--render` asks for it.
    func charter(_ input: String, language: String? = nil, using extractor: CharterExtractor) async throws -> Charter {
        if Self.isURL(input) { return try await read(input, language: language ?? options.lang, using: extractor) }
        return try await extract(try await load(input, language: language), from: input, language: language, using: extractor)
    }

    /// A URL read as a watch reads it (the check pipeline's `PageReader`: fetch, extract,
    /// render when needed), its failure one line.
    func read(_ url: String, language: String?, using extractor: CharterExtractor) async throws -> Charter {
        var target = CheckTarget(
            source: SourceID("-"), url: url, language: language ?? "", method: url.contains("{lang}") ? .template : options.method,
            scope: options.scope, render: options.render, timeout: options.timeout)
        target.maxBytes = options.maxBytes
        let read = await PageReader(extractor: extractor, fetcher: fetcher, browser: options.browser).read(target)
        switch read.result {
        case .read(let charter): return charter
        case .failed(let reason): throw CommandFailure("\(URLRedaction.redacted(url)): \(reason)")
        case .notModified: throw CommandFailure("\(URLRedaction.redacted(url)): the server answered 304 Not Modified to a plain request")
        }
    }

    /// Extracts what `load` read from `input`, rendering it when `--render` asks for it.
    func extract(
        _ loaded: ExtractionInput, from input: String, language: String? = nil, using extractor: CharterExtractor
    ) async throws -> Charter {
        let request = Self.isURL(input) ? request(input, language: language ?? options.lang) : nil
        let reader = RenderingExtractor(extractor: extractor, mode: options.render, renderer: PageRenderer(browser: options.browser))
        do {
            return try await reader.extract(loaded, request: request)
        } catch let error as RenderError {
            throw CommandFailure(error.description)
        }
    }

    func request(_ url: String, language: String?) -> FetchRequest {
        FetchRequest(
            url: url, language: language, method: url.contains("{lang}") ? .template : options.method,
            timeout: options.timeout, maxBytes: options.maxBytes)
    }

    func fetch(_ url: String, language: String?) async throws -> ExtractionInput {
        let request = request(url, language: language)
        let page: FetchedPage
        do {
            page = try await fetcher.fetch(request)
        } catch {
            throw CommandFailure(error.description)
        }
        return ExtractionInput(
            bytes: page.body, name: url, url: page.finalURL, contentType: page.contentType,
            contentLanguage: page.contentLanguage, requestedLanguage: language, fetchedAt: page.fetchedAt,
            setCookieNames: page.setCookieNames, scope: options.scope)
    }

    /// A file read with one `open`, one `fstat` and reads straight into the buffer:
    /// Foundation's file attributes cost a user-name lookup per file, a tenth of
    /// reading a small page.
    static func readFile(_ path: String, limit: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: throw CommandFailure("\(path): no such file")
            case EACCES, EPERM: throw CommandFailure("\(path): cannot be read (permission denied)")
            default: throw CommandFailure("\(path): cannot be read: \(String(cString: strerror(code)))")
            }
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw CommandFailure("\(path): cannot be read: \(String(cString: strerror(errno)))")
        }
        let kind = status.st_mode & S_IFMT
        guard kind != S_IFDIR else { throw CommandFailure("\(path) is a directory, not a charter page") }
        // Pipes and devices have no size: read until the limit, whatever they say.
        guard kind == S_IFREG else { return try read(handle, limit: limit, name: path) }
        let size = Int(status.st_size)
        if size > limit {
            throw CommandFailure("\(path) is \(size) bytes, over the limit of \(limit) bytes (raise it with --max-bytes)")
        }
        // One byte more than the file holds: a file that grew since `fstat` fills it,
        // and the rest is read by the general loop, limit included.
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let done = Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if done > 0 {
                    count += done
                } else if done == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
        }
        if failure != 0 { throw CommandFailure("\(path): cannot be read: \(String(cString: strerror(failure)))") }
        if bytes.count == size + 1 {
            bytes += try read(handle, limit: limit - bytes.count, name: path)
            if bytes.count > limit {
                throw CommandFailure("\(path) is larger than the limit of \(limit) bytes (raise it with --max-bytes)")
            }
        }
        return bytes
    }

    /// Reads at most `limit` bytes; one more means the input is too large, whatever
    /// the file system says (pipes and devices have no size).
    /// - Parameter expectedSize: the file's size when known, so that the buffer is
    ///   allocated once rather than grown by doubling (a third of it wasted, at peak).
    static func read(_ handle: FileHandle, limit: Int, name: String, expectedSize: Int? = nil) throws -> [UInt8] {
        var bytes: [UInt8] = []
        if let expectedSize { bytes.reserveCapacity(min(expectedSize, limit) + 1) }
        while bytes.count <= limit {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: min(1 << 20, limit + 1 - bytes.count))
            } catch {
                throw CommandFailure("\(name): cannot be read: \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            bytes += chunk
        }
        guard bytes.count <= limit else {
            throw CommandFailure("\(name) is larger than the limit of \(limit) bytes (raise it with --max-bytes)")
        }
        return bytes
    }
}
