/// An `application/x-www-form-urlencoded` body decoded into its fields.
///
/// Decoding is total: malformed percent escapes are kept literally and invalid UTF-8 becomes
/// U+FFFD, so hostile input never crashes and never silently drops a field.
public struct FormBody: Sendable, Equatable {
    /// Fields in the order they appeared; a repeated name keeps every value.
    public private(set) var fields: [(name: String, value: String)]

    /// Decodes a raw form body.
    public init(_ bytes: some Collection<UInt8>) {
        if let fields = bytes.withContiguousStorageIfAvailable({ Self.decodeFields(UnsafeRawBufferPointer($0)) }) {
            self.fields = fields
        } else {
            self.fields = Array(bytes).withUnsafeBytes { Self.decodeFields($0) }
        }
    }

    /// Decodes a raw form body held in contiguous memory (a request buffer).
    public init(_ bytes: UnsafeRawBufferPointer) {
        self.fields = Self.decodeFields(bytes)
    }

    /// Splits on `&` and `=` and decodes each part: one linear pass over the bytes, no
    /// intermediate collections.
    private static func decodeFields(_ bytes: UnsafeRawBufferPointer) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(12)
        let count = bytes.count
        var start = 0
        while start < count {
            var end = start
            var equals = -1
            while end < count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "&") { break }
                if byte == UInt8(ascii: "="), equals < 0 { equals = end }
                end += 1
            }
            if end > start {
                if equals >= 0 {
                    fields.append((decode(bytes, start, equals), decode(bytes, equals + 1, end)))
                } else {
                    fields.append((decode(bytes, start, end), ""))
                }
            }
            start = end + 1
        }
        return fields
    }

    /// Percent- and `+`-decodes `bytes[from..<to]`.
    private static func decode(_ bytes: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> String {
        let part = UnsafeRawBufferPointer(rebasing: bytes[from..<to])
        var escaped = false
        for byte in part where byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+") {
            escaped = true
            break
        }
        if !escaped { return String(decoding: part, as: UTF8.self) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(part.count, 1)) { out in
            var length = 0
            var index = 0
            let end = part.count
            while index < end {
                let byte = part[index]
                if byte == UInt8(ascii: "+") {
                    out[length] = UInt8(ascii: " ")
                } else if byte == UInt8(ascii: "%"), index + 2 < end,
                    let high = hexValue(part[index + 1]), let low = hexValue(part[index + 2])
                {
                    out[length] = high << 4 | low
                    index += 2
                } else {
                    out[length] = byte
                }
                length += 1
                index += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<length]), as: UTF8.self)
        }
    }

    /// Creates a body from fields (for encoding).
    public init(fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    /// The first value of a field, if present.
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// The encoded form, percent-escaping everything but unreserved characters.
    public var encoded: String {
        fields.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
    }

    public static func == (lhs: FormBody, rhs: FormBody) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Percent-encodes a value for a form body (space as `%20`).
    public static func encode(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
