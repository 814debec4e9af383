//! Parse every *.txt in a folder into page JSON in another (a tuning aid
//! that needs only baokan-core; the `baokan parse` command is the real tool).
use baokan_core::{PageMeta, Parser};

fn main() {
    let mut args = std::env::args().skip(1);
    let (src, dst) = (args.next().expect("usage: parse_dir IN OUT"), args.next().expect("usage: parse_dir IN OUT"));
    std::fs::create_dir_all(&dst).expect("create OUT");
    let parser = Parser::default();
    for e in std::fs::read_dir(&src).expect("read IN") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "txt") {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let page =
                parser.parse_bytes(&std::fs::read(&p).expect("read"), &PageMeta::from_file_name(&name)).expect("parse");
            let out = std::path::Path::new(&dst).join(name.replace(".txt", ".json"));
            std::fs::write(out, serde_json::to_string(&page).expect("json")).expect("write");
        }
    }
}
