fn main() {
    for p in std::env::args().skip(1) {
        println!("=== {p}");
        let (book, diags) = yearbook::workbook::read(std::path::Path::new(&p));
        for d in diags {
            println!("  {d}");
        }
        if let Some(b) = book {
            for s in &b.sheets {
                println!(
                    "  sheet {:?} hidden={} rows={} width={} merges={}",
                    s.name,
                    s.hidden,
                    s.rows.len(),
                    s.width(),
                    s.merges.len()
                );
                for row in s
                    .rows
                    .iter()
                    .skip(std::env::var("SKIP").map(|v| v.parse().unwrap()).unwrap_or(0))
                    .take(14)
                {
                    let cells: Vec<String> = row.iter().take(8).map(|c| format!("{c:?}")).collect();
                    println!("    {}", cells.join(" | ").chars().take(220).collect::<String>());
                }
            }
        }
    }
}
