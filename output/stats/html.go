package stats

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/output/worldmap"
	"github.com/sitrep/sitrep/pipeline"
)

//go:embed stats.html.tmpl
var pageTemplate string

//go:embed stats.css
var pageCSS string

var page = template.Must(template.New("stats").Funcs(template.FuncMap{
	"css":  func() template.CSS { return template.CSS(pageCSS) },
	"prob": prob,
	"pct":  func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
}).Parse(pageTemplate))

// StyleHash is the CSP hash of the page's one <style> element, for servers
// that forbid inline styles otherwise.
func StyleHash() string {
	h := sha256.Sum256([]byte(pageCSS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// Chart geometry (SVG user units).
const (
	chartW, chartH = 760, 240
	padL, padR     = 48, 12
	padT, padB     = 12, 40
)

// Rect is one bar or band of a chart.
type Rect struct {
	X, Y, W, H float64
	Fill       string
	Title      string
}

// Label is a piece of text placed on a chart.
type Label struct {
	X, Y   float64
	Text   string
	Anchor string
}

// Line is a polyline with its points.
type Line struct {
	Points string
	Stroke string
	Dots   []Rect // points as small squares, with their titles
	Name   string
}

// Chart is one SVG chart.
type Chart struct {
	ID, Title     string
	Width, Height int
	Rects         []Rect
	Lines         []Line
	Labels        []Label
	Legend        []Rect
}

// categoryColour gives each estimative category a colour, from red
// (almost no chance) to blue (almost certain), grey for hedges.
var categoryColour = map[string]string{
	"almost_no_chance": "#b2182b", "very_unlikely": "#d6604d", "unlikely": "#f4a582", "roughly_even": "#bababa",
	"likely": "#92c5de", "very_likely": "#4393c3", "almost_certain": "#2166ac", "possible": "#8c6bb1",
}

// View is what the page template renders.
type View struct {
	S      *Stats
	Map    template.HTML // the places on a world map (package worldmap)
	Charts []Chart
	Labels []string // entity labels with entities, in contract order
	Served bool     // render the entity form (the server handles it)
}

// WriteHTML writes a self-contained page (inline CSS and SVG, no scripts, no
// network) for s. served adds a form to track another entity.
func WriteHTML(w io.Writer, s *Stats, served bool) error {
	v := View{S: s, Served: served}
	v.Charts = append(v.Charts, monthChart("months", "Reports by month", s.ByMonth, "#4c72b0"))
	if len(s.TalkedAbout) > 0 {
		v.Charts = append(v.Charts, monthChart("talked", "Months the reports talk about (reports naming a day of the month)", s.TalkedAbout, "#55a868"))
	}
	v.Charts = append(v.Charts, judgmentChart(s), probabilityChart(s), siteChart(s))
	for _, l := range pipeline.Labels {
		if len(s.TopEntities[l]) > 0 {
			v.Labels = append(v.Labels, l)
		}
	}
	if len(s.Places) > 0 {
		pts := make([]worldmap.Point, len(s.Places))
		for i, p := range s.Places {
			pts[i] = worldmap.Point{Lat: p.Lat, Lon: p.Lon, Weight: p.Reports,
				Label: fmt.Sprintf("%s (%s): %d reports, %d mentions", p.Name, p.ID, p.Reports, p.Mentions)}
			if served {
				pts[i].Href = "/?q=" + url.QueryEscape("entity_id:"+strconv.Quote(p.ID))
			}
		}
		var b strings.Builder
		// The SVG is ours: names and links are escaped as it is written.
		if err := worldmap.Write(&b, pts, worldmap.Options{Width: chartW, Height: chartW / 2, Fit: true, MinSpan: 20, Title: "Places the reports name"}); err != nil {
			return err
		}
		v.Map = template.HTML(b.String())
	}
	return page.Execute(w, v)
}

func plotArea() (x0, y0, w, h float64) {
	return padL, padT, chartW - padL - padR, chartH - padT - padB
}

// xLabels places month labels under bars, thinning them to about 12.
func xLabels(c *Chart, keys []string, x0, step, y float64) {
	every := max(1, (len(keys)+11)/12)
	for i, k := range keys {
		if i%every == 0 {
			c.Labels = append(c.Labels, Label{X: x0 + step*(float64(i)+0.5), Y: y, Text: k, Anchor: "middle"})
		}
	}
}

// yAxis adds ticks for 0..maxV.
func yAxis(c *Chart, maxV float64, format func(float64) string) {
	x0, y0, _, h := plotArea()
	for i := 0; i <= 4; i++ {
		v := maxV * float64(i) / 4
		c.Labels = append(c.Labels, Label{X: x0 - 6, Y: y0 + h - h*float64(i)/4 + 4, Text: format(v), Anchor: "end"})
		c.Rects = append(c.Rects, Rect{X: x0, Y: y0 + h - h*float64(i)/4, W: chartW - padL - padR, H: 0.5, Fill: "#ddd"})
	}
}

// monthChart draws report counts per month as bars.
func monthChart(id, title string, months []Count, fill string) Chart {
	c := Chart{ID: id, Title: title, Width: chartW, Height: chartH}
	x0, y0, w, h := plotArea()
	maxN := 1
	for _, m := range months {
		maxN = max(maxN, m.Reports)
	}
	yAxis(&c, float64(maxN), func(v float64) string { return fmt.Sprintf("%.0f", v) })
	step := w / float64(max(1, len(months)))
	var keys []string
	for i, m := range months {
		bh := h * float64(m.Reports) / float64(maxN)
		c.Rects = append(c.Rects, Rect{X: x0 + step*float64(i) + step*0.1, Y: y0 + h - bh, W: step * 0.8, H: bh,
			Fill: fill, Title: fmt.Sprintf("%s: %d reports", m.Key, m.Reports)})
		keys = append(keys, m.Key)
	}
	xLabels(&c, keys, x0, step, y0+h+16)
	return c
}

func judgmentChart(s *Stats) Chart {
	c := Chart{ID: "judgments", Title: "Estimative phrases by category and month", Width: chartW, Height: chartH}
	x0, y0, w, h := plotArea()
	maxN := 1
	for _, m := range s.Judgments {
		t := 0
		for _, n := range m.Counts {
			t += n
		}
		maxN = max(maxN, t)
	}
	yAxis(&c, float64(maxN), func(v float64) string { return fmt.Sprintf("%.0f", v) })
	step := w / float64(max(1, len(s.Judgments)))
	var keys []string
	used := map[string]bool{}
	for i, m := range s.Judgments {
		y := y0 + h
		for _, cat := range sortedCategories(m.Counts) {
			bh := h * float64(m.Counts[cat]) / float64(maxN)
			y -= bh
			fill := categoryColour[cat]
			if fill == "" {
				fill = "#999"
			}
			used[cat] = true
			c.Rects = append(c.Rects, Rect{X: x0 + step*float64(i) + step*0.1, Y: y, W: step * 0.8, H: bh, Fill: fill,
				Title: fmt.Sprintf("%s %s: %d", m.Month, cat, m.Counts[cat])})
		}
		keys = append(keys, m.Month)
	}
	xLabels(&c, keys, x0, step, y0+h+16)
	for _, cat := range Categories {
		if used[cat] {
			c.Legend = append(c.Legend, Rect{Fill: categoryColour[cat], Title: strings.ReplaceAll(cat, "_", " ")})
		}
	}
	return c
}

// probabilityChart draws the corpus's mean stated probability per month and,
// when an entity is tracked, the mean of the sentences that name it, over the
// ICD 203 bands.
func probabilityChart(s *Stats) Chart {
	c := Chart{ID: "probability", Title: "Mean stated probability by month", Width: chartW, Height: chartH}
	x0, y0, w, h := plotArea()
	bands := []struct {
		lo, hi float64
		cat    string
	}{{0, .05, "almost_no_chance"}, {.05, .2, "very_unlikely"}, {.2, .45, "unlikely"}, {.45, .55, "roughly_even"},
		{.55, .8, "likely"}, {.8, .95, "very_likely"}, {.95, 1, "almost_certain"}}
	for _, b := range bands {
		c.Rects = append(c.Rects, Rect{X: x0, Y: y0 + h*(1-b.hi), W: w, H: h * (b.hi - b.lo), Fill: categoryColour[b.cat] + "33",
			Title: strings.ReplaceAll(b.cat, "_", " ")})
	}
	yAxis(&c, 1, func(v float64) string { return fmt.Sprintf("%.2f", v) })
	months := map[string]bool{}
	for _, m := range s.Judgments {
		months[m.Month] = true
	}
	if s.Track != nil {
		for _, p := range s.Track.Points {
			months[p.Month] = true
		}
	}
	var keys []string
	for _, m := range s.ByMonth {
		if months[m.Key] {
			keys = append(keys, m.Key)
		}
	}
	pos := map[string]int{}
	for i, k := range keys {
		pos[k] = i
	}
	step := w / float64(max(1, len(keys)))
	line := func(name, stroke string, pts map[string]*float64) Line {
		l := Line{Name: name, Stroke: stroke}
		var sb strings.Builder
		for _, k := range keys {
			p := pts[k]
			if p == nil {
				continue
			}
			x, y := x0+step*(float64(pos[k])+0.5), y0+h*(1-*p)
			fmt.Fprintf(&sb, "%.1f,%.1f ", x, y)
			l.Dots = append(l.Dots, Rect{X: x - 3, Y: y - 3, W: 6, H: 6, Fill: stroke, Title: fmt.Sprintf("%s %s: %.2f", name, k, *p)})
		}
		l.Points = strings.TrimSpace(sb.String())
		return l
	}
	corpus := map[string]*float64{}
	for _, m := range s.Judgments {
		corpus[m.Month] = m.Mean
	}
	c.Lines = append(c.Lines, line("all reports", "#333", corpus))
	c.Legend = append(c.Legend, Rect{Fill: "#333", Title: "all reports"})
	if s.Track != nil {
		tr := map[string]*float64{}
		for _, p := range s.Track.Points {
			tr[p.Month] = p.Mean
		}
		c.Title += ", and for sentences naming " + s.Track.Query
		c.Lines = append(c.Lines, line(s.Track.Query, "#d62728", tr))
		c.Legend = append(c.Legend, Rect{Fill: "#d62728", Title: s.Track.Query})
	}
	xLabels(&c, keys, x0, step, y0+h+16)
	return c
}

func siteChart(s *Stats) Chart {
	sites := s.BySite[:min(len(s.BySite), 10)]
	rowH := 22.0
	c := Chart{ID: "sites", Title: "Reports by site", Width: chartW, Height: int(rowH*float64(len(sites))) + 20}
	maxN := 1
	for _, st := range sites {
		maxN = max(maxN, st.Reports)
	}
	labelW := 260.0
	w := chartW - labelW - 60
	for i, st := range sites {
		y := 10 + rowH*float64(i)
		bw := w * float64(st.Reports) / float64(maxN)
		c.Labels = append(c.Labels, Label{X: labelW - 8, Y: y + 14, Text: st.Key, Anchor: "end"},
			Label{X: labelW + bw + 6, Y: y + 14, Text: fmt.Sprint(st.Reports), Anchor: "start"})
		c.Rects = append(c.Rects, Rect{X: labelW, Y: y + 3, W: bw, H: rowH - 6, Fill: "#55a868",
			Title: fmt.Sprintf("%s: %d reports", st.Key, st.Reports)})
	}
	return c
}
