//! `bakhshyar diagram …`: draw one service's workflow to an SVG, PNG or PDF file, or measure the
//! layout of all of them.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use bakhshyar::diagram::export::{self, Format};
use bakhshyar::diagram::{self, FontMeasure, Layout, Options, quality};
use bakhshyar::domain::catalog::Catalog;
use bakhshyar::i18n::Arg;

use super::{DiagramArgs, Output, embedded_catalog};

pub fn run(args: &DiagramArgs, out: &mut Output) -> anyhow::Result<ExitCode> {
    // Refuse a format before any work, so a script learns at once what is wrong.
    let format = match (&args.format, args.out.as_deref().and_then(Format::of_path)) {
        (Some(name), _) => Format::parse(name).ok_or(name.as_str()),
        (None, Some(format)) => Ok(format),
        (None, None) => Ok(Format::Svg),
    };
    let format = match format {
        Ok(format) => format,
        Err(name) if !args.stats => {
            let message = out.localizer.text("diagram-format-unsupported", &[("format", Arg::Text(name))]);
            out.error(&message)?;
            return Ok(ExitCode::from(2));
        }
        Err(_) => Format::Svg,
    };
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
    let written = export::export(&layout, diagram::Highlight::default(), format)
        .map_err(|e| e.to_string())
        .and_then(|bytes| std::fs::write(path, bytes).map_err(|e| e.to_string()));
    if let Err(detail) = written {
        let message = out.localizer.text("diagram-write-failed", &[("path", Arg::Text(&shown)), ("detail", Arg::Text(&detail))]);
        out.error(&message)?;
        return Ok(ExitCode::from(1));
    }
    let number = out.localizer.digits(&service.number.to_string());
    let message = out.localizer.text("diagram-written", &[("service", Arg::Text(&number)), ("path", Arg::Text(&shown))]);
    out.line(&message)?;
    Ok(ExitCode::SUCCESS)
}

/// Lays out every workflow with a fresh measure (so word shaping is part of the time).
fn lay_out_all(catalog: &Catalog, options: &Options) -> anyhow::Result<(Vec<Layout>, Duration)> {
    let measure = FontMeasure::vazirmatn()?;
    let started = Instant::now();
    let layouts = catalog.services.iter().map(|s| diagram::layout(&s.workflow, &measure, options)).collect();
    Ok((layouts, started.elapsed()))
}

fn stats(catalog: &Catalog, out: &mut Output) -> anyhow::Result<ExitCode> {
    let options = Options::default();
    let (layouts, elapsed) = lay_out_all(catalog, &options)?;
    // The named alternative, in the same run: the ranks kept in reading order, no crossing reduction.
    let (plain, plain_elapsed) = lay_out_all(catalog, &Options { crossing_sweeps: 0, ..options })?;
    let crossings: usize = layouts.iter().map(quality::crossings).sum();
    let plain_crossings: usize = plain.iter().map(quality::crossings).sum();
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
    let ms = |d: Duration| loc.digits(&format!("{:.2}", d.as_secs_f64() * 1000.0));
    lines.push(loc.text("diagram-stats-time", &[("ms", Arg::Text(&ms(elapsed)))]));
    let ratio = loc.digits(&format!("{:.2}", elapsed.as_secs_f64() / plain_elapsed.as_secs_f64().max(1e-9)));
    let plain_ms = ms(plain_elapsed);
    let args = [("ms", Arg::Text(&plain_ms)), ("ratio", Arg::Text(&ratio)), ("count", count(plain_crossings))];
    lines.push(loc.text("diagram-stats-alternative", &args));
    for line in lines {
        out.line(&line)?;
    }
    Ok(ExitCode::SUCCESS)
}
