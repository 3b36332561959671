// A model file: layers without dataflows (modelled on the first bottleneck of MAESTRO's MobileNetV2).
// Map it with --Dataflow_file (CONV layers) and --DSCONV_dataflow_file (depthwise layers).
Network TinyNet {
	Layer CONV1 {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { K: 32, C: 3, R: 3, S: 3, Y: 224, X: 224 }
	}
	Layer Expand {
		Type: CONV
		Dimensions { K: 32, C: 32, R: 1, S: 1, Y: 112, X: 112 }
	}
	Layer Depthwise {
		Type: DSCONV
		Dimensions { K: 1, C: 32, R: 3, S: 3, Y: 112, X: 112 }
	}
	Layer Project {
		Type: CONV
		Dimensions { K: 16, C: 32, R: 1, S: 1, Y: 112, X: 112 }
	}
}
