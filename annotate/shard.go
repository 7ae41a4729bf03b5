package annotate

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// ShardOf is the shard (0 to n-1) a report id belongs to: FNV-1a of the
// corpus-relative id, so every process and every machine agrees without
// coordination, and a report keeps its shard as the corpus grows.
func ShardOf(id string, n int) int {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int(h.Sum64() % uint64(n))
}

// JobIndexEnv is the variable a Kubernetes Indexed Job sets to each pod's
// index; array-job schedulers can set it too.
const JobIndexEnv = "JOB_COMPLETION_INDEX"

// ParseShard reads --shard: "i/n" (shard i of n, from 0), or "n" alone, the
// shard then being JOB_COMPLETION_INDEX (read through env).
func ParseShard(s string, env func(string) string) (i, n int, err error) {
	is, ns, both := strings.Cut(s, "/")
	if !both {
		ns, is = s, env(JobIndexEnv)
		if is == "" {
			return 0, 0, fmt.Errorf("--shard %s names no shard index and %s is not set (use --shard i/%s)", s, JobIndexEnv, s)
		}
	}
	n, err1 := strconv.Atoi(strings.TrimSpace(ns))
	i, err2 := strconv.Atoi(strings.TrimSpace(is))
	switch {
	case err1 != nil || n < 1:
		return 0, 0, fmt.Errorf("--shard %s: the shard count must be a whole number of at least 1", s)
	case err2 != nil || i < 0 || i >= n:
		return 0, 0, fmt.Errorf("--shard %s: the shard index must be a whole number from 0 to %d (got %q)", s, n-1, is)
	}
	return i, n, nil
}
