/// An `application/x-www-form-urlencoded` body decoded into its fields.
///
/// Decoding is total: malformed percent escapes are kept literally and invalid UTF-8 becomes
/// U+FFFD, so hostile input never crashes and never silently drops a field.
public struct FormBody: Sendable, Equatable {
    /// Fields in the order they appeared; a repeated name keeps every value.
    public private(set) var fields: [(name: String, value: String)]

    /// Decodes a raw form body.
    public init(_ bytes: some Collection<UInt8>) {
        var fields: [(String, String)] = []
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                fields.append((Self.decode(pair[pair.startIndex..<equals]), Self.decode(pair[pair.index(after: equals)...])))
            } else {
                fields.append((Self.decode(pair), ""))
            }
        }
        self.fields = fields
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

    static func decode(_ bytes: some Collection<UInt8>) -> String {
        if !bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"),
                let first = bytes.index(index, offsetBy: 1, limitedBy: bytes.endIndex), first != bytes.endIndex,
                let second = bytes.index(first, offsetBy: 1, limitedBy: bytes.endIndex), second != bytes.endIndex,
                let high = hexValue(bytes[first]), let low = hexValue(bytes[second])
            {
                out.append(high << 4 | low)
                index = second
            } else {
                out.append(byte)
            }
            index = bytes.index(after: index)
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
