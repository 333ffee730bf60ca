/// A small, fast JSON writer for the messages the bot sends on every request (Foundation's
/// `JSONEncoder` costs tens of microseconds per message on Linux).
///
/// Keys are written in the order given; strings are escaped per RFC 8259 (quotes, backslashes,
/// control characters), everything else is copied as UTF-8.
public struct JSONOutput: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    /// Creates an empty writer.
    public init() {
        bytes.reserveCapacity(512)
    }

    /// Writes `{ … }`, with `body` writing the members.
    public mutating func object(_ body: (inout JSONOutput) -> Void) {
        separator()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes `[ … ]`, with `body` writing the elements.
    public mutating func array(_ body: (inout JSONOutput) -> Void) {
        separator()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes a member key (inside an object); the next value written is its value.
    public mutating func key(_ name: String) {
        separator()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
    }

    /// Writes a string value.
    public mutating func string(_ value: String) {
        separator()
        writeString(value)
    }

    /// Writes `null`.
    public mutating func null() {
        separator()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Writes a boolean value.
    public mutating func bool(_ value: Bool) {
        separator()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// Writes an integer value.
    public mutating func int(_ value: Int) {
        separator()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// `key: string`.
    public mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    /// `key: string` when the value is present.
    public mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        member(name, value)
    }

    /// `key: bool`.
    public mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// `key: value` for anything that writes itself.
    public mutating func member(_ name: String, _ value: some JSONWritable) {
        key(name)
        value.write(to: &self)
    }

    /// `key: [values]`.
    public mutating func member(_ name: String, _ values: [some JSONWritable]) {
        key(name)
        array { output in
            for value in values { value.write(to: &output) }
        }
    }

    private mutating func separator() {
        guard let last = needsComma.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    /// Copies the string's UTF-8 in runs, escaping only quotes, backslashes and control
    /// characters (replies are mostly long runs of plain text: no per-byte appends, no
    /// allocation per escape).
    private mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(UInt8(ascii: "u"))
                    bytes.append(UInt8(ascii: "0"))
                    bytes.append(UInt8(ascii: "0"))
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0x0f))
                }
                runStart = index + 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

/// A value that writes itself as JSON.
public protocol JSONWritable {
    /// Writes the value.
    func write(to output: inout JSONOutput)
}

extension JSONWritable {
    /// The value's JSON.
    public var jsonBytes: [UInt8] {
        var output = JSONOutput()
        write(to: &output)
        return output.bytes
    }
}
