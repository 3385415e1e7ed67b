fn main() {
    beachhead_app::panic_report::install();
    leptos::mount::mount_to_body(beachhead_app::App);
}
