//! The printer's versions: part of the render key (`emit::Renderer`), so
//! that upgrading prettyplease or syn re-renders every file once instead of
//! leaving text the new printer would not write.

use std::path::PathBuf;

/// FNV-1a, 64-bit: fixed, so the key is the same on every machine.
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *hash ^= u64::from(*b);
        *hash = hash.wrapping_mul(0x100000001b3);
    }
}

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut hash = 0xcbf29ce484222325u64;
    // Where a lock file says them; a build from a registry may have none,
    // and the renderer's probe of the printer covers that case.
    let lock = manifest_dir.ancestors().map(|d| d.join("Cargo.lock")).find(|p| p.is_file());
    if let Some(lock) = &lock {
        let text = std::fs::read_to_string(lock).unwrap_or_default();
        for package in text.split("[[package]]") {
            if ["name = \"prettyplease\"", "name = \"syn\"", "name = \"proc-macro2\""].iter().any(|n| package.contains(n)) {
                fnv(&mut hash, package.trim().as_bytes());
            }
        }
        println!("cargo:rerun-if-changed={}", lock.display());
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-env=GRAPHGEN_PRINTER_VERSIONS={hash:016x}");
}
