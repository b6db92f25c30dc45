//! Progress bars on stderr, only when stderr is a terminal and not `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mamori_scan::Progress;
use std::io::IsTerminal;

/// A layer-count progress bar, or nothing.
pub struct ProgressUi {
    bar: Option<ProgressBar>,
}

impl ProgressUi {
    /// A bar over `layers` layers when stderr is a TTY.
    pub fn new(quiet: bool, layers: usize) -> ProgressUi {
        if quiet || !std::io::stderr().is_terminal() {
            return ProgressUi { bar: None };
        }
        let bar = ProgressBar::with_draw_target(Some(layers as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} analyzing layers [{bar:30}] {pos}/{len} {msg}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        ProgressUi { bar: Some(bar) }
    }

    /// Handles one scan event.
    pub fn event(&self, p: Progress) {
        let Some(bar) = &self.bar else { return };
        match p {
            Progress::LayerStarted(i, size) => bar.set_message(format!(
                "layer {} ({:.1} MiB)",
                i + 1,
                size as f64 / 1048576.0
            )),
            Progress::LayerCached(_) | Progress::LayerDone(..) => bar.inc(1),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
