/** The mapping shown when the page opens: a small CNN with a CONV, DSCONV and GEMM layer. */
export const SAMPLE_MAPPING = `// A small network: edit it, or paste any MAESTRO mapping file.
Network TinyNet {
Layer stem {
  Type: CONV
  Stride { X: 1, Y: 1 }
  Dimensions { K: 32, C: 3, R: 3, S: 3, Y: 34, X: 34 }
  Dataflow {
    SpatialMap(1,1) K;
    TemporalMap(64,64) C;
    TemporalMap(Sz(R),Sz(R)) R;
    TemporalMap(Sz(S),Sz(S)) S;
    TemporalMap(Sz(R),1) Y;
    TemporalMap(Sz(S),1) X;
    Cluster(64, P);
    SpatialMap(1,1) C;
    TemporalMap(Sz(R),1) Y;
    TemporalMap(Sz(S),1) X;
    TemporalMap(Sz(R),Sz(R)) R;
    TemporalMap(Sz(S),Sz(S)) S;
  }
}
Layer dw1 {
  Type: DSCONV
  Stride { X: 2, Y: 2 }
  Dimensions { K: 1, C: 32, R: 3, S: 3, Y: 32, X: 32 }
  Dataflow {
    SpatialMap(1,1) C;
    TemporalMap(Sz(R),1) Y;
    TemporalMap(Sz(S),1) X;
    TemporalMap(Sz(R),Sz(R)) R;
    TemporalMap(Sz(S),Sz(S)) S;
  }
}
Layer pw1 {
  Type: CONV
  Stride { X: 1, Y: 1 }
  Dimensions { K: 64, C: 32, R: 1, S: 1, Y: 15, X: 15 }
  Dataflow {
    SpatialMap(1,1) K;
    TemporalMap(64,64) C;
    TemporalMap(Sz(R),Sz(R)) R;
    TemporalMap(Sz(S),Sz(S)) S;
    TemporalMap(Sz(R),1) Y;
    TemporalMap(Sz(S),1) X;
    Cluster(64, P);
    SpatialMap(1,1) C;
    TemporalMap(Sz(R),1) Y;
    TemporalMap(Sz(S),1) X;
    TemporalMap(Sz(R),Sz(R)) R;
    TemporalMap(Sz(S),Sz(S)) S;
  }
}
Layer fc {
  Type: GEMM
  Dimensions { M: 10, N: 1, K: 64 }
  Dataflow {
    TemporalMap(1,1) N;
    SpatialMap(1,1) M;
    TemporalMap(100,100) K;
    Cluster(100, P);
    TemporalMap(1,1) N;
    TemporalMap(1,1) M;
    SpatialMap(1,1) K;
  }
}
}
`;
