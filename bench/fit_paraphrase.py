# Fits the paraphrase logistic model of src/engine/compare.cc on MRPC train
# features written by `concord compare --pairs` (5-fold CV, then full fit).
#   concord compare --pairs ../shared/data/paraphrase/mrpc-train.jsonl > /tmp/q/mrpc.jsonl
#   python3 bench/fit_paraphrase.py
import json, math, random
gold={}
for l in open('/work/shared/data/paraphrase/mrpc-train.jsonl'):
    r=json.loads(l); gold[r['id']]=r['label']
rows=[json.loads(l) for l in open('/tmp/q/mrpc.jsonl')]
def feats(c):
    lr=min(c['a_words'],c['b_words'])/max(1,max(c['a_words'],c['b_words']))
    return [1.0,c['similarity'],min(c['soft_containment_a'],c['soft_containment_b']),max(c['soft_containment_a'],c['soft_containment_b']),
            min(c['identical_a'],c['identical_b']),max(c['identical_a'],c['identical_b']),c['details_jaccard'],1.0 if c['numbers_differ'] else 0.0,lr]
X=[feats(r) for r in rows]; Y=[gold[r['id']] for r in rows]
def fit(idx, iters=1500, lr=0.5, l2=1e-3):
    w=[0.0]*len(X[0])
    n=len(idx)
    for it in range(iters):
        g=[0.0]*len(w)
        for i in idx:
            z=sum(a*b for a,b in zip(w,X[i])); p=1/(1+math.exp(-z)); d=p-Y[i]
            for k in range(len(w)): g[k]+=d*X[i][k]
        for k in range(len(w)): w[k]-=lr*(g[k]/n + l2*w[k])
    return w
def acc(w, idx):
    c=0
    for i in idx:
        z=sum(a*b for a,b in zip(w,X[i])); c+= (z>=0)==(Y[i]==1)
    return c/len(idx)
random.seed(1); order=list(range(len(X))); random.shuffle(order)
folds=[order[k::5] for k in range(5)]
cv=[]
for k in range(5):
    test=folds[k]; train=[i for j in range(5) if j!=k for i in folds[j]]
    w=fit(train, iters=600); cv.append(acc(w,test))
print("5-fold CV accuracy", sum(cv)/5, cv)
w=fit(list(range(len(X))), iters=1500)
print("train accuracy", acc(w, range(len(X))))
print("weights", ", ".join("%.4f"%x for x in w))
