//! Lists the bundled SRFIs for `(features)`: writes `$OUT_DIR/srfi_features.rs`,
//! the feature `srfi-N` for every `lib/srfi/N.sld` of the repository (the
//! bundled libraries the compiler embeds), in numeric order, so the feature
//! list and the bundled libraries cannot disagree.

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lib/srfi");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut numbers: Vec<u64> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let p = e.path();
                    if p.extension()? != "sld" {
                        return None;
                    }
                    p.file_stem()?.to_str()?.parse().ok()
                })
                .collect()
        })
        .unwrap_or_default();
    numbers.sort_unstable();
    let items: String = numbers.iter().map(|n| format!("\"srfi-{n}\", ")).collect();
    let out = format!("&[{items}]\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("srfi_features.rs");
    std::fs::write(dest, out).expect("write srfi_features.rs");
}
