# pareto.gp - the settings `podsim tune` tried, from its --front CSV
# (README "Plots").
#
#   podsim tune ... --front f.csv scenario.yaml
#   gnuplot -e "data='f.csv'; out='f.png'" plots/pareto.gp   (out *.svg: SVG)
#
# x: the first objective's mean, y: the second objective's, or with one
# objective the first constraint's metric (columns 7 and 10 of the CSV),
# each with its 95 % interval.  Grey: breaks a constraint; blue: meets
# them; the line joins the Pareto front; the star is the recommendation.
# Settings dropped in early rounds have wider intervals (fewer runs).
if (!exists("data")) data = "front.csv"
if (!exists("out")) out = "front.png"
if (out[strlen(out)-2:] eq "svg") {
	set terminal svg size 800,500 dynamic font "sans,10"
} else {
	set terminal pngcairo size 800,500 font "sans,9"
}
set output out
set datafile separator ","
set datafile missing "NA"
head(c) = system(sprintf("head -1 '%s' | cut -d, -f%d", data, c))
set xlabel head(7) . " (mean, 95 % interval)" noenhanced
set ylabel head(10) . " (mean, 95 % interval)" noenhanced
set title "podsim tune: settings tried" noenhanced
set key outside bottom center horizontal
set grid
set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
sel(c, want) = column(c) == want ? 1 : NaN
front = sprintf("< awk -F, 'NR > 1 && $5 == 1' '%s' | sort -t, -k7,7g", data)
plot data using 7:($10*sel(4,0)):8:9:11:12 skip 1 with xyerrorbars pt 7 ps 0.6 lc rgb "#9e9e9e" title "breaks a constraint", \
     data using 7:($10*sel(4,1)):8:9:11:12 skip 1 with xyerrorbars pt 7 ps 0.8 lc rgb "#1f5fa8" title "meets the constraints", \
     front using 7:10 with lines lw 2 lc rgb "#1f5fa8" title "Pareto front", \
     data using 7:($10*sel(6,1)) skip 1 with points pt 3 ps 3 lw 2 lc rgb "#d9534f" title "recommended", \
     data using 7:($10*sel(6,1)):2 skip 1 with labels left offset 1.5,1 font ",8" tc rgb "#d9534f" notitle noenhanced
