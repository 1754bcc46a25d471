//! The `yearbook` binary: parse the command line, run the library, print the error
//! chain in Chinese, set the exit code (0 ok, 1 data or build error, 2 usage error).

use clap::Parser;

fn main() {
    // A panic is a bug of this program or a library it uses; say so in Chinese and
    // keep the technical detail for the report.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("程序内部错误（请把这一行报告给维护者）：{info}");
    }));
    let cli = match yearbook::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                std::process::exit(0);
            }
            eprintln!("{}", yearbook::cli::usage_error(&e));
            std::process::exit(2);
        }
    };
    match yearbook::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            for line in yearbook::cli::error_lines(&e) {
                eprintln!("{line}");
            }
            std::process::exit(1);
        }
    }
}
