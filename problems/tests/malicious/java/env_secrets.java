// verdict: AC
// attack: read the app's secrets from the environment and the system properties (AC means none were visible)
class Solution {
    public int solve(int n) {
        if (System.getenv("DJANGO_SECRET_KEY") != null) return -1;
        for (var e : System.getenv().entrySet()) if ((e.getKey() + e.getValue()).contains("django")) return -1;
        if (System.getProperties().toString().contains("django-insecure")) return -1;
        return n;
    }
}
