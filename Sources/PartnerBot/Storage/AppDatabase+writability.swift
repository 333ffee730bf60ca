import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension AppDatabase {
    /// Why the database at `path` cannot be written, or `nil` when nothing refuses writes: the
    /// file (or, while it does not exist, its nearest existing folder) on a read-only file
    /// system, without write permission, or on a file system with no space left.
    static func writeRefusal(path: String) -> String? {
        var target = path
        while !FileManager.default.fileExists(atPath: target), target != "/", !target.isEmpty {
            target = (target as NSString).deletingLastPathComponent
        }
        if access(target, W_OK) != 0 {
            switch errno {
            case EROFS: return "the file system is read-only"
            case EACCES, EPERM: return "no permission to write the database file or its folder"
            default: break
            }
        }
        var stats = statvfs()
        if statvfs(target, &stats) == 0, stats.f_bavail == 0 { return "no space left on the disk" }
        return nil
    }
}
