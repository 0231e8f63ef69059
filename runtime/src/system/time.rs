//! The wall clock and the local time zone: `os-clock-realtime`,
//! `os-local-time-offset`, and `sleep`. `(closc time)` (lib/closc/time.scm)
//! builds times, dates and ISO 8601 text on them in Scheme.

use crate::error::type_error;
use crate::memory::heap::cons;
use crate::memory::value::*;

/// `(os-clock-realtime)`: `(seconds . nanoseconds)` since the POSIX epoch
/// (UTC, leap seconds not counted), nanoseconds in 0..10^9.
#[no_mangle]
pub extern "C" fn closc_prim_os_clock_realtime() -> Value {
    let (secs, nanos) = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => (d.as_secs() as i64, d.subsec_nanos() as i64),
        Err(before) => {
            // A clock set before 1970: negative seconds, nanoseconds still
            // counted forward.
            let d = before.duration();
            let (s, n) = (d.as_secs() as i64, d.subsec_nanos() as i64);
            if n == 0 {
                (-s, 0)
            } else {
                (-s - 1, 1_000_000_000 - n)
            }
        }
    };
    cons(fixnum(secs), fixnum(nanos))
}

extern "C" {
    /// POSIX `tzset`: reads `TZ` again (`localtime_r` need not).
    fn tzset();
}

/// `(os-local-time-offset seconds)`: the local time zone's offset from UTC
/// in seconds (east positive) at `seconds` since the epoch (the zone of
/// `TZ`, else the system's).
#[no_mangle]
pub extern "C" fn closc_prim_os_local_time_offset(seconds: Value) -> Value {
    let proc = "os-local-time-offset";
    let t = match is_fixnum(seconds).then(|| fixnum_value(seconds)) {
        Some(t) => t as libc::time_t,
        None => type_error(proc, "exact integer of seconds", seconds),
    };
    // SAFETY: an all-zero `tm` is valid; localtime_r fills it.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: `t` and `tm` are valid for the call; tzset reads `TZ`.
    let ok = unsafe {
        tzset();
        !libc::localtime_r(&t, &mut tm).is_null()
    };
    if !ok {
        type_error(proc, "time the system can convert", seconds);
    }
    fixnum(tm.tm_gmtoff)
}

/// `(sleep seconds)`: waits `seconds` (a non-negative real number, so
/// fractions of a second work) after writing out buffered standard output.
#[no_mangle]
pub extern "C" fn closc_prim_sleep(seconds: Value) -> Value {
    let proc = "sleep";
    let n = crate::numbers::real_arg(proc, seconds).to_f64();
    if !(0.0..=1e9).contains(&n) {
        type_error(proc, "non-negative number of seconds", seconds);
    }
    crate::io::output::flush();
    std::thread::sleep(std::time::Duration::from_secs_f64(n));
    VOID
}
