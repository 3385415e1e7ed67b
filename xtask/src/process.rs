//! Running the tools: with the project's tool directories on PATH, echoing their output live
//! and keeping it for the summary.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;

use crate::root;

/// Where the project's tools live: npm's bin folder (wasm-opt from binaryen) and cargo's.
fn tool_path() -> String {
    let mut dirs: Vec<PathBuf> = vec![root().join("node_modules").join(".bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    } else if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo").join("bin"));
    }
    let existing = std::env::var_os("PATH").unwrap_or_default();
    dirs.extend(std::env::split_paths(&existing));
    std::env::join_paths(dirs)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| existing.to_string_lossy().into_owned())
}

/// A command run from the workspace root with the tools on PATH.
pub fn command(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(root()).env("PATH", tool_path());
    cmd
}

fn describe(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs to completion with output passed through; an error names the command.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = describe(cmd);
    println!("$ {shown}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs to completion, echoing stdout and stderr as they come and returning them joined,
/// with whether it succeeded.
pub fn run_tee(cmd: &mut Command) -> (bool, String) {
    let shown = describe(cmd);
    println!("$ {shown}");
    let mut child = match cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => return (false, format!("could not start `{shown}`: {e}")),
    };
    let (sender, receiver) = mpsc::channel::<(bool, String)>();
    let mut readers = Vec::new();
    let streams: [(bool, Option<Box<dyn Read + Send>>); 2] = [
        (
            false,
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
        ),
        (
            true,
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
        ),
    ];
    for (is_err, stream) in streams {
        let Some(stream) = stream else { continue };
        let sender = sender.clone();
        readers.push(std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if sender.send((is_err, line)).is_err() {
                    break;
                }
            }
        }));
    }
    drop(sender);
    let mut output = String::new();
    for (is_err, line) in receiver {
        if is_err {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
        output.push_str(&line);
        output.push('\n');
    }
    for reader in readers {
        let _ = reader.join();
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    (ok, output)
}

/// The first line a command prints, or None when it cannot be run.
pub fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let output = command(program).args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines().next().map(|l| l.trim().to_owned())
}
