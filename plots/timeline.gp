# timeline.gp - a pod timeline from `podsim run -o timeline` (README "Plots").
#
#   gnuplot -e "data='t.tsv'; out='t.png'" plots/timeline.gp   (out *.svg: SVG)
#
# One lane per pod (green: Ready) and per container instance (grey:
# waiting, blue: running, red: terminated), marks as ticks on the lanes:
# failed probes (orange), kills (black X), restarts (blue triangle), and
# the kubelet's BackOff events (purple).  Lane 0 is at the top.
if (!exists("data")) data = "timeline.tsv"
if (!exists("out")) out = "timeline.png"
if (!exists("title")) title = data
if (out[strlen(out)-2:] eq "svg") {
	set terminal svg size 1000,400 dynamic font "sans,10"
} else {
	set terminal pngcairo size 1000,400 font "sans,9"
}
set output out
set datafile separator "\t"
set datafile commentschars "#"
stats data using 1 nooutput
lanes = STATS_max + 1
set yrange [lanes - 0.5:-0.5]
set xlabel "seconds from the start of the run"
set title title noenhanced
set key outside right top
set grid xtics
set ytics scale 0 noenhanced
set border 3
set tics nomirror
span(k) = strcol(3) eq k ? $4 : NaN
tick(k) = strcol(3) eq k ? $4 : NaN
plot \
  data using (span("waiting")):1:($5-$4):(0):ytic(2) with vectors nohead lw 8 lc rgb "#b0b0b0" title "waiting", \
  data using (span("running")):1:($5-$4):(0) with vectors nohead lw 8 lc rgb "#3a76c4" title "running", \
  data using (span("terminated")):1:($5-$4):(0) with vectors nohead lw 8 lc rgb "#d9534f" title "terminated", \
  data using (span("ready")):1:($5-$4):(0) with vectors nohead lw 8 lc rgb "#4caf50" title "Ready", \
  data using (tick("probe")):1 with points pt 5 ps 0.6 lc rgb "#ff9800" title "probe failed", \
  data using (tick("kill")):1 with points pt 2 ps 1.6 lw 2 lc rgb "black" title "kill", \
  data using (tick("restart")):1 with points pt 9 ps 1.2 lc rgb "#1f3f7a" title "restart", \
  data using (tick("backoff")):1 with points pt 6 ps 1.0 lc rgb "#8e44ad" title "BackOff"
