//! Backtraces for uncaught errors (placeholder, filled in below).

/// The backtrace text printed after an uncaught error's message.
pub fn render() -> String {
    String::new()
}
