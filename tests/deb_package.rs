//! The Debian package installs into a scratch root and its `nano` runs from there.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn package_installs_and_runs() {
    let scratch = tempfile::tempdir().unwrap();
    let output = scratch.path().join("deb");
    let built = Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/build-deb.sh"))
        .args([common::binary(), output.to_str().unwrap()])
        .output()
        .expect("run build-deb.sh");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let deb = String::from_utf8(built.stdout).unwrap().trim().to_string();

    let root = scratch.path().join("root");
    let unpacked = Command::new("dpkg").args(["-x", &deb, root.to_str().unwrap()]).output().unwrap();
    assert!(unpacked.status.success(), "{}", String::from_utf8_lossy(&unpacked.stderr));

    let installed = root.join("usr/bin/nano-asisten");
    let version = Command::new(&installed).arg("--version").output().unwrap();
    assert!(version.status.success());
    assert!(String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")));

    for file in [
        "usr/lib/nano-asisten/bin/nano",
        "usr/share/man/man1/nano-asisten.1.gz",
        "usr/share/bash-completion/completions/nano",
        "usr/share/doc/nano-asisten/README.id.md",
    ] {
        assert!(root.join(file).exists(), "missing {file}");
    }

    let info = Command::new("dpkg-deb").args(["--field", &deb, "Package", "Depends"]).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("nano-asisten"), "{info}");
}
