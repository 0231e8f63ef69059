//! Input and output: the buffered standard output (`output`), ports and the
//! port procedures (`ports`), the runtime `read` (`read`), the printer
//! (`printer`).
//!
//! May use: `error`, `memory`, `numbers`, `unicode`, `args`.

pub mod char_names;
pub mod output;
pub mod ports;
pub mod printer;
pub mod read;
