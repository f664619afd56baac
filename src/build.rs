//! Embeds the data directory: writes `$OUT_DIR/builtin_data.rs`, a list of
//! `(relative path, include_str!(file))` for every file that the
//! pipeline loads (data/actors.toml, data/countries.toml, data/places.toml,
//! data/first_names.txt and the TOML files of data/<lang>/**), so that adding a
//! rule file needs no change to the code.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, root, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let relative = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((relative, path));
        }
    }
}

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = manifest.join("data");
    println!("cargo:rerun-if-changed=data");
    let mut files = vec![
        ("actors.toml".to_string(), data.join("actors.toml")),
        ("countries.toml".to_string(), data.join("countries.toml")),
        ("places.toml".to_string(), data.join("places.toml")),
        ("first_names.txt".to_string(), data.join("first_names.txt")),
    ];
    collect(&data.join("nl"), &data, &mut files);
    files.sort();
    let mut out = String::from("&[\n");
    for (relative, path) in files {
        println!("cargo:rerun-if-changed={}", path.display());
        out.push_str(&format!(
            "    ({relative:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("]\n");
    let target = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_data.rs");
    fs::write(target, out).expect("OUT_DIR is writable");
}
