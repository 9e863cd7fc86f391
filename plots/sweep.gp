# sweep.gp - a metric against the swept parameter, with its 95 % interval,
# from the summary CSV of `podsim sweep` with one --set (README "Plots").
#
#   podsim sweep --set PATH=VALUES ... > s.csv
#   gnuplot -e "data='s.csv'; metric='first_restart_s'; out='s.png'" plots/sweep.gp
#
# Optional: pod='NAME' (needed when the scenario has several pods), out
# *.svg for SVG.  The line is
# the mean over the seeds; the band the 95 % interval of the mean (t) or,
# for ever_ready, Wilson's interval of the proportion; points are p90.
if (!exists("data")) data = "sweep.csv"
if (!exists("metric")) metric = "first_restart_s"
if (!exists("pod")) pod = ""
if (!exists("out")) out = "sweep.png"
if (out[strlen(out)-2:] eq "svg") {
	set terminal svg size 800,450 dynamic font "sans,10"
} else {
	set terminal pngcairo size 800,450 font "sans,9"
}
set output out
set datafile separator ","
set datafile missing "NA"
# the swept field's name is the header of column 2
xname = system("head -1 '" . data . "' | cut -d, -f2")
set xlabel xname noenhanced
set ylabel metric noenhanced
set title sprintf("%s%s%s", metric, pod eq "" ? "" : " of pod ", pod) noenhanced
set key top left
set grid
# the rows of the metric (and pod) only: a line breaks at skipped rows
rows = sprintf("< awk -F, 'NR > 1 && $4 == \"%s\" && (\"%s\" == \"\" || $3 == \"%s\")' '%s'", \
	metric, pod, pod, data)
plot rows using 2:11:12 with filledcurves lc rgb "#a6c8ee" fs transparent solid 0.6 title "95 % interval", \
     rows using 2:6 with linespoints lw 2 pt 7 lc rgb "#1f5fa8" title "mean", \
     rows using 2:9 with points pt 6 lc rgb "#d9534f" title "p90"
