fn main() -> std::process::ExitCode {
    brief::cli::main()
}
