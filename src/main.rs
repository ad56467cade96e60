#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    brief::cli::main()
}
