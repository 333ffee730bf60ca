import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// CPU time (user and system) spent so far, in seconds.
enum CPUTime {
    /// Every thread of this process.
    static func process() -> Double { usage(RUSAGE_SELF.rawValue) }

    /// Children that have exited and been waited for (the server, wrk).
    static func children() -> Double { usage(RUSAGE_CHILDREN.rawValue) }

    /// The calling thread only.
    static func thread() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    private static func usage(_ who: Int32) -> Double {
        var usage = rusage()
        guard getrusage(who, &usage) == 0 else { return 0 }
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
