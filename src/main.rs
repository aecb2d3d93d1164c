#[tokio::main]
async fn main() {
    let code = mapwright::cli::main().await;
    std::process::exit(code);
}
