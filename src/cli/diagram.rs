//! `bakhshyar diagram …`: draw one service's workflow to a file, or measure the layout of all of them.

use std::process::ExitCode;
use std::time::Instant;

use bakhshyar::diagram::{self, FontMeasure, Options, quality, svg};
use bakhshyar::domain::catalog::Catalog;
use bakhshyar::i18n::Arg;

use super::{DiagramArgs, Output, embedded_catalog};

pub fn run(args: &DiagramArgs, out: &mut Output) -> anyhow::Result<ExitCode> {
    // Refuse a format before any work, so a script learns at once that png/pdf are not there yet.
    if !args.stats && args.format != "svg" {
        let message = out.localizer.text("diagram-format-unsupported", &[("format", Arg::Text(&args.format))]);
        out.error(&message)?;
        return Ok(ExitCode::from(2));
    }
    let Some(catalog) = embedded_catalog(out)? else {
        return Ok(ExitCode::from(1));
    };
    if args.stats {
        return stats(&catalog, out);
    }
    let (Some(query), Some(path)) = (args.service.as_deref(), args.out.as_deref()) else {
        let id = if args.service.is_none() { "diagram-service-missing" } else { "diagram-out-missing" };
        let message = out.localizer.text(id, &[]);
        out.error(&message)?;
        return Ok(ExitCode::from(2));
    };
    let Some(service) = catalog.find(query) else {
        let message = out.localizer.text("catalog-not-found", &[("query", Arg::Text(query))]);
        out.error(&message)?;
        return Ok(ExitCode::from(1));
    };
    let layout = diagram::layout(&service.workflow, FontMeasure::shared()?, &Options::default());
    let shown = path.display().to_string();
    if let Err(error) = std::fs::write(path, svg::render(&layout, diagram::Highlight::default())) {
        let detail = error.to_string();
        let message = out.localizer.text("diagram-write-failed", &[("path", Arg::Text(&shown)), ("detail", Arg::Text(&detail))]);
        out.error(&message)?;
        return Ok(ExitCode::from(1));
    }
    let number = out.localizer.digits(&service.number.to_string());
    let message = out.localizer.text("diagram-written", &[("service", Arg::Text(&number)), ("path", Arg::Text(&shown))]);
    out.line(&message)?;
    Ok(ExitCode::SUCCESS)
}

fn stats(catalog: &Catalog, out: &mut Output) -> anyhow::Result<ExitCode> {
    let measure = FontMeasure::vazirmatn()?;
    let options = Options::default();
    let started = Instant::now();
    let layouts: Vec<_> = catalog.services.iter().map(|s| diagram::layout(&s.workflow, &measure, &options)).collect();
    let elapsed = started.elapsed();
    let crossings: usize = layouts.iter().map(quality::crossings).sum();
    let largest =
        catalog.services.iter().zip(&layouts).max_by(|a, b| (a.1.width * a.1.height).total_cmp(&(b.1.width * b.1.height)));
    let count = |n: usize| Arg::Number(i64::try_from(n).unwrap_or(i64::MAX));
    let loc = &out.localizer;
    let mut lines = vec![
        loc.text("diagram-stats-workflows", &[("count", count(layouts.len()))]),
        loc.text("diagram-stats-crossings", &[("count", count(crossings))]),
    ];
    if let Some((service, layout)) = largest {
        let number = loc.digits(&service.number.to_string());
        let (width, height) = (loc.digits(&format!("{:.0}", layout.width)), loc.digits(&format!("{:.0}", layout.height)));
        let args = [("service", Arg::Text(&number)), ("width", Arg::Text(&width)), ("height", Arg::Text(&height))];
        lines.push(loc.text("diagram-stats-largest", &args));
    }
    let ms = loc.digits(&format!("{:.2}", elapsed.as_secs_f64() * 1000.0));
    lines.push(loc.text("diagram-stats-time", &[("ms", Arg::Text(&ms))]));
    for line in lines {
        out.line(&line)?;
    }
    Ok(ExitCode::SUCCESS)
}
