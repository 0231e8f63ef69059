//! Input and output: the buffered standard output (`output`), buffered file
//! descriptors (`files`), ports and the port procedures (`ports`), the
//! runtime `read` (`read`), the printer (`printer`).
//!
//! May use: `error`, `memory`, `numbers`, `unicode`, `args`.

pub mod char_names;
pub mod files;
pub mod output;
pub mod ports;
pub mod printer;
pub mod read;
